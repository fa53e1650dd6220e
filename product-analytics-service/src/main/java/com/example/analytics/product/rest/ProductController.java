package com.example.analytics.product.rest;

import com.example.analytics.product.ProductProperties;
import com.example.analytics.product.query.ProductQueries;
import com.example.analytics.product.query.ProductQueries.ProductCount;
import com.example.analytics.product.query.ProductQueries.ProductView;
import com.example.analytics.product.query.ProductQueries.StoreSales;
import com.example.analytics.product.streams.TopProducts;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.web.ApiException;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The product endpoints of DESIGN.md section 5: parameters checked here, answers from the router. */
@RestController
class ProductController {

    private static final double HOUR_SECONDS = 3600;

    private final QueryRouter router;
    private final QueryResponses responses;
    private final ProductProperties properties;
    private final StreamTime streamTime;
    private final KeyQuery<ProductView> productQuery;
    private final GlobalQuery<TopProducts> topQuery;
    private final GlobalQuery<ProductCount> countQuery;
    private final KeyQuery<StoreSales> salesQuery;

    ProductController(QueryRouter router, QueryResponses responses, ProductProperties properties,
                      TopologyEnvironment env,
                      KeyQuery<ProductView> productQuery, GlobalQuery<TopProducts> topQuery,
                      GlobalQuery<ProductCount> countQuery, KeyQuery<StoreSales> salesQuery) {
        this.router = router;
        this.responses = responses;
        this.properties = properties;
        this.streamTime = env.streamTime();
        this.productQuery = productQuery;
        this.topQuery = topQuery;
        this.countQuery = countQuery;
        this.salesQuery = salesQuery;
    }

    @GetMapping("/api/products/{productId}")
    Map<String, Object> product(@PathVariable String productId) {
        return responses.forKey(router.byKey(productQuery, RequestParams.id("productId", productId), Map.of()));
    }

    @GetMapping("/api/products/top")
    Map<String, Object> top(@RequestParam(required = false) String limit) {
        int top = RequestParams.limit("limit", limit, 10, properties.top().maxLimit());
        return responses.forGlobal(router.global(topQuery, Map.of(ProductQueries.LIMIT, Integer.toString(top))));
    }

    @GetMapping("/api/products/count")
    Map<String, Object> count() {
        return responses.forGlobal(router.global(countQuery, Map.of()));
    }

    /** Summaries whose window starts in [from, to] (epoch seconds); by default the hour up to stream time. */
    @GetMapping("/api/stores/{storeId}/sales")
    Map<String, Object> sales(@PathVariable String storeId, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to) {
        String id = RequestParams.id("storeId", storeId);
        Double now = streamTime.epochSeconds();
        double toSeconds = RequestParams.epochSeconds("to", to, now == null ? Long.MAX_VALUE / 2000.0 : now);
        double fromSeconds = RequestParams.epochSeconds("from", from, Math.max(0, toSeconds - HOUR_SECONDS));
        if (fromSeconds > toSeconds) {
            throw new ApiException.BadParameter("'from' must not be after 'to'");
        }
        return responses.forKey(router.byKey(salesQuery, id,
                ProductQueries.salesParams(Math.round(fromSeconds * 1000), Math.round(toSeconds * 1000))));
    }
}

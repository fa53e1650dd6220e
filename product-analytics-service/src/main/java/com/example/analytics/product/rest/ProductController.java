package com.example.analytics.product.rest;

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
import com.example.analytics.support.web.BadRequestResponse;
import com.example.analytics.support.web.GlobalAnswer;
import com.example.analytics.support.web.GlobalQueryResponses;
import com.example.analytics.support.web.IdParameter;
import com.example.analytics.support.web.KeyAnswer;
import com.example.analytics.support.web.KeyQueryResponses;
import com.example.analytics.support.web.Limit;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The product endpoints of DESIGN.md section 5: parameters checked here, answers from the router. */
@RestController
@Tag(name = "products", description = "Product views, trending, top-N and sales summaries")
class ProductController {

    private static final double HOUR_SECONDS = 3600;

    private final QueryRouter router;
    private final QueryResponses responses;
    private final StreamTime streamTime;
    private final KeyQuery<ProductView> productQuery;
    private final GlobalQuery<TopProducts> topQuery;
    private final GlobalQuery<ProductCount> countQuery;
    private final KeyQuery<StoreSales> salesQuery;

    ProductController(QueryRouter router, QueryResponses responses, TopologyEnvironment env,
                      KeyQuery<ProductView> productQuery, GlobalQuery<TopProducts> topQuery,
                      GlobalQuery<ProductCount> countQuery, KeyQuery<StoreSales> salesQuery) {
        this.router = router;
        this.responses = responses;
        this.streamTime = env.streamTime();
        this.productQuery = productQuery;
        this.topQuery = topQuery;
        this.countQuery = countQuery;
        this.salesQuery = salesQuery;
    }

    @Operation(summary = "One product's views, unique viewers, purchases, conversion and whether it trends",
            description = "Views in the last hour and trending are taken at stream time (as_of)")
    @KeyQueryResponses
    @GetMapping("/api/products/{productId}")
    KeyAnswer<ProductView> product(@PathVariable @IdParameter String productId) {
        return responses.forKey(router.byKey(productQuery, RequestParams.id("productId", productId), Map.of()));
    }

    @Operation(summary = "The most viewed products of the trailing hour, merged over all instances")
    @GlobalQueryResponses
    @BadRequestResponse
    @GetMapping("/api/products/top")
    GlobalAnswer<TopProducts> top(@Limit(defaultValue = "10", max = "analytics.product.top.max-limit") int limit) {
        return responses.forGlobal(router.global(topQuery, Map.of(ProductQueries.LIMIT, Integer.toString(limit))));
    }

    @Operation(summary = "How many distinct products have been viewed, over all instances")
    @GlobalQueryResponses
    @GetMapping("/api/products/count")
    GlobalAnswer<ProductCount> count() {
        return responses.forGlobal(router.global(countQuery, Map.of()));
    }

    /** Summaries whose window starts in [from, to] (epoch seconds); by default the hour up to stream time. */
    @Operation(summary = "A store's closed sales summaries whose window starts in [from, to]",
            description = "404 for a store without any summary")
    @KeyQueryResponses
    @GetMapping("/api/stores/{storeId}/sales")
    KeyAnswer<StoreSales> sales(
            @PathVariable @IdParameter String storeId,
            @Parameter(description = "Earliest window start, epoch seconds; default: an hour before `to`",
                    schema = @Schema(type = "number", minimum = "0"))
            @RequestParam(required = false) String from,
            @Parameter(description = "Latest window start, epoch seconds; default: the stream time",
                    schema = @Schema(type = "number", minimum = "0"))
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

package com.example.analytics.product;

import com.example.analytics.product.query.ProductQueries;
import com.example.analytics.product.query.ProductQueries.ProductCount;
import com.example.analytics.product.query.ProductQueries.ProductView;
import com.example.analytics.product.query.ProductQueries.StoreSales;
import com.example.analytics.product.streams.ProductTopology;
import com.example.analytics.product.streams.TopProducts;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.streams.InputProgress;
import com.example.analytics.support.streams.TopologyEnvironment;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology and its queries into the runtime streams-support provides. */
@Configuration(proxyBeanMethods = false)
class ProductAnalyticsConfiguration {

    @Bean
    Topology productTopology(ProductProperties properties, TopologyEnvironment env, InputProgress inputProgress) {
        return ProductTopology.build(properties, env, inputProgress);
    }

    /**
     * The counters of the actions the topology publishes, and of purchases that arrive for a sales window already
     * closed, at 0 from the start.
     */
    @Bean
    CounterSeries productCounterSeries() {
        return ProductTopology.COUNTERS;
    }

    @Bean
    ProductQueries productQueries(ProductProperties properties, TopologyEnvironment env) {
        return new ProductQueries(properties, env.streamTime());
    }

    @Bean
    KeyQuery<ProductView> productQuery(ProductQueries queries) {
        return queries.product();
    }

    @Bean
    GlobalQuery<TopProducts> topProductsQuery(ProductQueries queries) {
        return queries.top();
    }

    @Bean
    GlobalQuery<ProductCount> productCountQuery(ProductQueries queries) {
        return queries.count();
    }

    @Bean
    KeyQuery<StoreSales> storeSalesQuery(ProductQueries queries) {
        return queries.sales();
    }
}

package com.example.analytics.support.apidocs;

import com.example.analytics.support.config.AnalyticsStreamsProperties;
import com.example.analytics.support.config.StreamsSupportAutoConfiguration;
import com.example.analytics.support.web.LimitArgumentResolver;
import com.example.analytics.support.web.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document of every service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): the
 * public API only ({@code springdoc.paths-to-match}), property names as the JSON has them, the problem+json
 * answers the controllers' annotations refer to, and the configured bounds of {@code limit} parameters.
 */
@AutoConfiguration(after = StreamsSupportAutoConfiguration.class)
public class ApiDocsAutoConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** Schemas are read with swagger's Jackson 2; it has to name properties as the answers' Jackson 3 does. */
    @Bean
    ModelResolver snakeCaseModelResolver(SpringDocConfigProperties springDoc) {
        ObjectMapper mapper = Json31.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        return new ModelResolver(mapper).openapi31(springDoc.isOpenapi31());
    }

    @Bean
    OpenApiCustomizer serviceApiDocs(AnalyticsStreamsProperties props, ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return openApi -> {
            openApi.info(new Info().title(props.serviceName()).version(version).description("""
                    Interactive queries over the state of %s. Any instance answers any query: a key is read \
                    where its partition lives, a global query is merged over all instances. Every answer \
                    carries `as_of` (the service's stream time, epoch seconds), `served_by` and `stale`; every \
                    error is `application/problem+json`.""".formatted(props.serviceName())));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSchemas(ProblemResponses.PROBLEM_SCHEMA, problemSchema())
                    .addResponses(ProblemResponses.BAD_REQUEST_NAME, problem("A parameter is not valid"))
                    .addResponses(ProblemResponses.NOT_FOUND_NAME, problem("The key is not known"))
                    .addResponses(ProblemResponses.NOT_READY_NAME, problem("""
                            The stores are rebalancing or restoring, or the instance owning the key cannot be \
                            reached; ask again after Retry-After""")
                            .addHeaderObject("Retry-After", new Header()
                                    .description("Seconds to wait before asking again")
                                    .schema(new IntegerSchema().minimum(BigDecimal.ONE)))));
        };
    }

    /** Documents each {@code @Limit} parameter with the bounds this instance enforces. */
    @Bean
    ParameterCustomizer limitParameterDocs(LimitArgumentResolver limits) {
        return (parameter, methodParameter) -> {
            if (parameter == null || !limits.supportsParameter(methodParameter)) {
                return parameter;
            }
            LimitArgumentResolver.Bounds bounds = limits.bounds(methodParameter);
            return parameter.name(bounds.name()).in("query").required(false)
                    .schema(new IntegerSchema().minimum(BigDecimal.ONE)
                            .maximum(BigDecimal.valueOf(bounds.max()))
                            ._default(bounds.defaultValue()));
        };
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An error, as RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().example("user_7 is not known"))
                .addProperty("instance", new StringSchema().example("/api/fraud/users/user_7"))
                .required(List.of("type", "title", "status"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ProblemResponses.PROBLEM_SCHEMA))));
    }
}

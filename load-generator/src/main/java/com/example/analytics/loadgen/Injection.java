package com.example.analytics.loadgen;

import java.util.Map;

/**
 * One occurrence of an injected scenario: who, when, and what a correct service must detect from it.
 *
 * @param fromMillis event time of the first record of the occurrence
 * @param toMillis   event time of the last record
 * @param expect     what must be detected, in the words of the rule (for example
 *                   {@code potential_fraud/excessive_activity})
 * @param details    scenario specifics: counts, amounts, locations, trigger times
 */
public record Injection(Scenario scenario, String subject, long fromMillis, long toMillis, String expect,
                        Map<String, Object> details) {
}

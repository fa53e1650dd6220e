package com.example.analytics.fraud.rules;

import com.example.analytics.fraud.FraudProperties;
import java.util.ArrayList;
import java.util.List;

/** The built-in rules, as switched on and parameterised by {@link FraudProperties}. */
public final class FraudRules {

    private FraudRules() {
    }

    public static List<FraudRule<?>> from(FraudProperties properties) {
        List<FraudRule<?>> rules = new ArrayList<>();
        if (properties.excessiveActivity().enabled()) {
            rules.add(new ExcessiveActivityRule(properties.excessiveActivity().threshold(),
                    Math.toIntExact(properties.excessiveActivity().window().toSeconds())));
        }
        if (properties.impossibleTravel().enabled()) {
            rules.add(new ImpossibleTravelRule(properties.impossibleTravel().threshold(),
                    properties.impossibleTravel().window().toMillis()));
        }
        if (properties.suspiciousLogin().enabled()) {
            rules.add(new SuspiciousLoginTransactionRule(properties.suspiciousLogin().minAmount(),
                    properties.suspiciousLogin().within().toMillis()));
        }
        return List.copyOf(rules);
    }
}

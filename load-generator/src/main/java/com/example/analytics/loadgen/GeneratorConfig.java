package com.example.analytics.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate. Everything is deterministic for a seed except the start of live mode.
 *
 * @param events          records to generate over both topics; {@code 0} for an endless stream
 * @param eventsPerSecond traffic intensity in event time: records per second of (simulated) event time
 * @param start           event time of the first record (simulated mode); ignored when {@code live}
 * @param live            event time follows the wall clock (starting {@link #LIVE_WARM_UP} before now)
 * @param scenarios       injected patterns; see {@link Scenario}
 * @param scenarioEvery   how often (event time) each injected pattern recurs
 * @param badFraction     share of normal records replaced by a bad record (only with {@link Scenario#BAD_RECORDS})
 * @param outOfOrderFraction share of normal records delayed within grace (only with {@link Scenario#OUT_OF_ORDER})
 * @param lateFraction    share of normal records sent far behind stream time (only with {@link Scenario#LATE})
 * @param lateBy          how far behind a late record is
 * @param grace           the services' grace period, which out-of-order records stay within
 */
public record GeneratorConfig(long seed, int users, int products, int stores, long events, double eventsPerSecond,
                              Instant start, boolean live, Set<Scenario> scenarios, Duration scenarioEvery,
                              double badFraction, double outOfOrderFraction, double lateFraction, Duration lateBy,
                              Duration grace) {

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        scenarios = scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios);
        require(users >= 1, "users must be at least 1");
        require(products >= 1, "products must be at least 1");
        require(stores >= 1, "stores must be at least 1");
        require(events >= 0, "events must not be negative");
        require(eventsPerSecond > 0 && Double.isFinite(eventsPerSecond), "events per second must be positive");
        require(badFraction >= 0 && badFraction < 1, "bad fraction must be in [0, 1)");
        require(outOfOrderFraction >= 0 && outOfOrderFraction < 1, "out-of-order fraction must be in [0, 1)");
        require(lateFraction >= 0 && lateFraction < 1, "late fraction must be in [0, 1)");
        require(grace.toMillis() >= 2000, "grace must be at least 2 s");
        require(lateBy.compareTo(grace.multipliedBy(2)) > 0, "late-by must be well beyond grace");
        require(!scenarioEvery.isNegative() && scenarioEvery.toSeconds() >= 600,
                "scenarios must be at least 10 minutes apart so their windows do not overlap");
    }

    /** How far before now live mode starts simulating, so sessions are in full swing when the wall clock is reached. */
    public static final Duration LIVE_WARM_UP = Duration.ofMinutes(10);

    public static Builder builder() {
        return new Builder();
    }

    public boolean has(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults: a small shop, one hour of event time at 100 records/s, every scenario on, 1% bad records. */
    public static final class Builder {
        private long seed = 42;
        // Each user acts at most every 15 s: the population must be large enough that popular users do not cap the rate.
        private int users = 100_000;
        private int products = 1_000;
        private int stores = 5;
        private long events = 360_000;
        private double eventsPerSecond = 100;
        private Instant start = Instant.parse("2026-11-02T09:00:00Z");
        private boolean live;
        private Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
        private Duration scenarioEvery = Duration.ofMinutes(15);
        private double badFraction = 0.01;
        private double outOfOrderFraction = 0.005;
        private double lateFraction = 0.001;
        private Duration lateBy = Duration.ofMinutes(2);
        private Duration grace = Duration.ofSeconds(5);

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder users(int users) {
            this.users = users;
            return this;
        }

        public Builder products(int products) {
            this.products = products;
            return this;
        }

        public Builder stores(int stores) {
            this.stores = stores;
            return this;
        }

        public Builder events(long events) {
            this.events = events;
            return this;
        }

        public Builder eventsPerSecond(double eventsPerSecond) {
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /** Simulated event time from {@code start}. */
        public Builder start(Instant start) {
            this.start = start;
            this.live = false;
            return this;
        }

        /** Event time is the wall clock; records are meant to be paced at {@code eventsPerSecond}. */
        public Builder live() {
            this.live = true;
            return this;
        }

        public Builder scenarios(Set<Scenario> scenarios) {
            this.scenarios = scenarios;
            return this;
        }

        public Builder noScenarios() {
            this.scenarios = EnumSet.noneOf(Scenario.class);
            return this;
        }

        public Builder scenarioEvery(Duration scenarioEvery) {
            this.scenarioEvery = scenarioEvery;
            return this;
        }

        public Builder badFraction(double badFraction) {
            this.badFraction = badFraction;
            return this;
        }

        public Builder outOfOrderFraction(double outOfOrderFraction) {
            this.outOfOrderFraction = outOfOrderFraction;
            return this;
        }

        public Builder lateFraction(double lateFraction) {
            this.lateFraction = lateFraction;
            return this;
        }

        public Builder lateBy(Duration lateBy) {
            this.lateBy = lateBy;
            return this;
        }

        public Builder grace(Duration grace) {
            this.grace = grace;
            return this;
        }

        public GeneratorConfig build() {
            // Live traffic starts with sessions already under way: the simulation begins LIVE_WARM_UP before now,
            // and a live pacer sends that stretch at once, so the rate is the requested one from the first second.
            Instant first = live ? Instant.now().minus(LIVE_WARM_UP) : start;
            return new GeneratorConfig(seed, users, products, stores, events, eventsPerSecond, first, live, scenarios,
                    scenarioEvery, badFraction, outOfOrderFraction, lateFraction, lateBy, grace);
        }
    }
}

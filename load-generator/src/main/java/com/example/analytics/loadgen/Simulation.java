package com.example.analytics.loadgen;

import com.example.analytics.model.Event;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The discrete-event simulation behind {@link LoadGenerator}: sessions arrive as a Poisson process, each session's
 * next step waits in a priority queue by event time, scenario occurrences are scripted into the same queue.
 *
 * <p>Normal traffic is shaped so that it never trips a fraud or engagement rule on its own: any two events of one
 * user are at least {@link #MIN_THINK_MS} apart (at most 4 events and 5 page views a minute), a user stays in their
 * home town, logins are never suspicious and no purchase exceeds 1000. Whatever those rules detect therefore comes
 * from an injected scenario, and the report says exactly what.
 */
final class Simulation implements Iterator<GeneratedRecord> {

    static final long MIN_THINK_MS = 15_000;
    private static final double MEAN_EXTRA_THINK_MS = 20_000;
    /** Measured average of records per session (600k records, 100k users, no scenarios), to turn records/s into arrivals/s. */
    private static final double RECORDS_PER_SESSION = 11.2;
    private static final int LOCATIONS = 50;
    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
    private static final String[] PAGES = {"/", "/deals", "/new", "/help", "/account", "/cart", "/search", "/blog"};
    private static final String[] QUERIES = {"shoes", "laptop", "coffee", "headphones", "gift", "lamp", "tent"};
    private static final String[] ELEMENTS = {"banner", "menu", "filter", "sort", "recommendation"};
    private static final BadKind[] BAD_KINDS = BadKind.values();
    private static final long FAR_FUTURE_SECONDS = 4_102_444_800L;

    private final GeneratorConfig config;
    private final InjectionReport report;
    private final SplittableRandom random;
    private final Zipf users;
    private final Zipf products;
    private final long[] userFreeAt;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();
    private final double meanArrivalGapMs;
    private final boolean badRecords;
    private final boolean outOfOrder;
    private final boolean late;
    private final String eventIdPrefix;
    private final EventJson json = new EventJson();

    private long nextArrival;
    private long nextScenarioAt;
    private int scenarioRound;
    private long emitted;
    private long sequence;
    private long badCounter;

    Simulation(GeneratorConfig config, InjectionReport report) {
        this.config = config;
        this.report = report;
        this.random = new SplittableRandom(config.seed());
        this.users = new Zipf(config.users(), 0.9);
        this.products = new Zipf(config.products(), 1.0);
        this.userFreeAt = new long[config.users()];
        long start = config.start().toEpochMilli();
        Arrays.fill(userFreeAt, start);
        this.meanArrivalGapMs = 1000.0 * RECORDS_PER_SESSION / config.eventsPerSecond();
        this.nextArrival = start;
        this.nextScenarioAt = start + 120_000;
        this.badRecords = config.has(Scenario.BAD_RECORDS) && config.badFraction() > 0;
        this.outOfOrder = config.has(Scenario.OUT_OF_ORDER) && config.outOfOrderFraction() > 0;
        this.late = config.has(Scenario.LATE) && config.lateFraction() > 0;
        this.eventIdPrefix = Long.toHexString(config.seed()) + "-";
    }

    @Override
    public boolean hasNext() {
        return config.events() == 0 || emitted < config.events();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        while (ready.isEmpty()) {
            advance();
        }
        GeneratedRecord record = ready.poll();
        emitted++;
        report.emitted(record);
        return record;
    }

    /** Runs the next thing due in event time: a scenario round, a session arrival or a queued step. */
    private void advance() {
        long head = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().time;
        if (!scriptedScenarios().isEmpty() && nextScenarioAt <= head && nextScenarioAt <= nextArrival) {
            injectRound(nextScenarioAt, scenarioRound++);
            nextScenarioAt += config.scenarioEvery().toMillis();
        } else if (nextArrival <= head) {
            arrive(nextArrival);
            nextArrival += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanArrivalGapMs));
        } else {
            queue.poll().fire();
        }
    }

    // ---------------------------------------------------------------- normal traffic

    private void arrive(long time) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int user = users.next(random);
            if (userFreeAt[user] <= time) {
                userFreeAt[user] = Long.MAX_VALUE;
                queue.add(new Session(time, user, 3 + random.nextInt(13)));
                return;
            }
        }
    }

    private abstract class Pending implements Comparable<Pending> {
        long time;
        final long order = sequence++;

        Pending(long time) {
            this.time = time;
        }

        abstract void fire();

        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final class Session extends Pending {
        private final int user;
        private final String userId;
        private final String device;
        private final String location;
        private int stepsLeft;
        private boolean landed;
        private int product = -1;
        private boolean inCart;

        Session(long time, int user, int steps) {
            super(time);
            this.user = user;
            this.userId = "user_" + user;
            this.device = DEVICES[Math.floorMod(Integer.hashCode(user * 31 + 7), DEVICES.length)];
            this.location = "city_" + Math.floorMod(user * 2_654_435_761L, LOCATIONS);
            this.stepsLeft = steps;
        }

        @Override
        void fire() {
            if (stepsLeft == 0) {
                user("logout", context());
                userFreeAt[user] = time + MIN_THINK_MS;
                return;
            }
            step();
            stepsLeft--;
            time += MIN_THINK_MS + Math.round(-Math.log(1 - random.nextDouble()) * MEAN_EXTRA_THINK_MS);
            queue.add(this);
        }

        private void step() {
            if (!landed) {
                landed = true;
                if (random.nextDouble() < 0.3) {
                    Map<String, Object> data = context();
                    data.put("suspicious", false);
                    user("login", data);
                } else {
                    page(PAGES[0]);
                }
                return;
            }
            double roll = random.nextDouble();
            if (inCart && roll < 0.35) {
                purchase();
            } else if (product >= 0 && !inCart && roll < 0.25) {
                addToCart();
            } else if (roll < 0.35) {
                page(PAGES[random.nextInt(PAGES.length)]);
            } else if (roll < 0.50) {
                Map<String, Object> data = context();
                data.put("query", QUERIES[random.nextInt(QUERIES.length)]);
                user("search", data);
            } else if (roll < 0.65) {
                Map<String, Object> data = context();
                data.put("element", ELEMENTS[random.nextInt(ELEMENTS.length)]);
                user("click", data);
            } else {
                viewProduct();
            }
        }

        private void page(String page) {
            Map<String, Object> data = context();
            data.put("page", page);
            user("page_view", data);
        }

        private void viewProduct() {
            product = products.next(random);
            inCart = false;
            page("/product/" + product);
            productEvent("product_view", productData());
        }

        private void addToCart() {
            inCart = true;
            Map<String, Object> data = context();
            data.put("element", "add_to_cart");
            data.put("product_id", productId(product));
            user("click", data);
            productEvent("add_to_cart", productData());
        }

        private void purchase() {
            double price = price(product);
            int quantity = 1 + random.nextInt(3);
            while (quantity > 1 && price * quantity > 1000) {
                quantity--;
            }
            double amount = Math.round(price * quantity * 100) / 100.0;
            String store = "store_" + random.nextInt(config.stores());
            Map<String, Object> data = context();
            data.put("amount", amount);
            data.put("product_id", productId(product));
            data.put("store_id", store);
            user("transaction", data);
            Map<String, Object> purchase = productData();
            purchase.put("amount", amount);
            purchase.put("quantity", quantity);
            purchase.put("store_id", store);
            productEvent("purchase", purchase);
            inCart = false;
        }

        private Map<String, Object> context() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("location", location);
            data.put("device", device);
            return data;
        }

        private Map<String, Object> productData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("user_id", userId);
            data.put("category", "category_" + product % 12);
            data.put("price", price(product));
            return data;
        }

        private void user(String type, Map<String, Object> data) {
            emitNormal(Topics.USER_EVENTS.name(), userId, type, time, data);
        }

        private void productEvent(String type, Map<String, Object> data) {
            emitNormal(Topics.PRODUCT_EVENTS.name(), productId(product), type, time, data);
        }
    }

    private static String productId(int product) {
        return "product_" + product;
    }

    private static double price(int product) {
        return 5 + Math.floorMod(product * 7_919L + 13, 39_500L) / 100.0;
    }

    /** Normal traffic, where the configured share turns bad, out of order or late. */
    private void emitNormal(String topic, String id, String type, long time, Map<String, Object> data) {
        if (badRecords && random.nextDouble() < config.badFraction()) {
            ready.add(bad(topic, id, type, time, data, BAD_KINDS[(int) (badCounter++ % BAD_KINDS.length)]));
            return;
        }
        GeneratedRecord.Timing timing = GeneratedRecord.Timing.IN_ORDER;
        long eventTime = time;
        if (outOfOrder && random.nextDouble() < config.outOfOrderFraction()) {
            timing = GeneratedRecord.Timing.OUT_OF_ORDER;
            eventTime = time - 1000 - random.nextLong(Math.max(1, config.grace().toMillis() - 2000));
        } else if (late && random.nextDouble() < config.lateFraction()) {
            timing = GeneratedRecord.Timing.LATE;
            eventTime = time - config.lateBy().toMillis();
        }
        ready.add(good(topic, id, type, eventTime, data, timing, null));
    }

    private GeneratedRecord good(String topic, String id, String type, long eventTime, Map<String, Object> data,
                                 GeneratedRecord.Timing timing, Scenario scenario) {
        boolean users = topic.equals(Topics.USER_EVENTS.name());
        String eventId = eventIdPrefix + Long.toHexString(sequence++);
        byte[] value = json.event(users ? "user_id" : "product_id", id, type, EventJson.seconds(eventTime), data,
                eventId);
        double seconds = eventTime / 1000.0;
        Map<String, Object> frozen = java.util.Collections.unmodifiableMap(data);
        Event event = users ? new UserEvent(id, type, seconds, frozen, eventId)
                : new ProductEvent(id, type, seconds, frozen, eventId);
        return new GeneratedRecord(topic, id.getBytes(StandardCharsets.UTF_8), value, eventTime, event, null,
                timing, scenario, id);
    }

    private GeneratedRecord bad(String topic, String id, String type, long time, Map<String, Object> data,
                                BadKind kind) {
        String idField = topic.equals(Topics.USER_EVENTS.name()) ? "user_id" : "product_id";
        EventJson.NumberText seconds = EventJson.seconds(time);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        byte[] value = switch (kind) {
            case NOT_JSON -> ("not json: " + type + " " + id).getBytes(StandardCharsets.UTF_8);
            case TRUNCATED_JSON -> {
                byte[] whole = json.event(idField, id, type, seconds, data, null);
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            case EMPTY_VALUE -> new byte[0];
            case MISSING_ID -> json.event(idField, null, type, seconds, data, null);
            case MISSING_EVENT_TYPE -> json.event(idField, id, null, seconds, data, null);
            case MISSING_TIMESTAMP -> json.event(idField, id, type, null, data, null);
            case STRING_TIMESTAMP -> json.event(idField, id, type, seconds.text(), data, null);
            case NAN_TIMESTAMP -> json.event(idField, id, type, new EventJson.NumberText("NaN"), data, null);
            case NEGATIVE_TIMESTAMP -> json.event(idField, id, type, -time / 1000, data, null);
            case FAR_FUTURE_TIMESTAMP -> json.event(idField, id, type, FAR_FUTURE_SECONDS, data, null);
            case NUMERIC_ID -> json.event(idField, 12_345, type, seconds, data, null);
            case KEY_MISMATCH, NULL_KEY, KEY_NOT_UTF8 -> json.event(idField, id, type, seconds, data, null);
        };
        if (kind == BadKind.KEY_MISMATCH) {
            key = (id + "_other").getBytes(StandardCharsets.UTF_8);
        } else if (kind == BadKind.NULL_KEY) {
            key = null;
        } else if (kind == BadKind.KEY_NOT_UTF8) {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            key = new byte[utf8.length + 2];
            key[0] = (byte) 0xFF;
            key[1] = (byte) 0xFE;
            System.arraycopy(utf8, 0, key, 2, utf8.length);
        }
        return new GeneratedRecord(topic, key, value, time, null, kind, GeneratedRecord.Timing.IN_ORDER, null, id);
    }

    // ---------------------------------------------------------------- scenarios

    private List<Scenario> scriptedScenarios() {
        List<Scenario> scripted = new ArrayList<>();
        for (Scenario scenario : List.of(Scenario.BOT_BURST, Scenario.IMPOSSIBLE_TRAVEL, Scenario.SUSPICIOUS_LOGIN,
                Scenario.VIRAL_PRODUCT, Scenario.SITE_SPIKE, Scenario.ENGAGED_SESSION)) {
            if (config.has(scenario)) {
                scripted.add(scenario);
            }
        }
        return scripted;
    }

    private void injectRound(long start, int round) {
        for (Scenario scenario : scriptedScenarios()) {
            Script script = switch (scenario) {
                case BOT_BURST -> botBurst(start, round);
                case IMPOSSIBLE_TRAVEL -> impossibleTravel(start, round);
                case SUSPICIOUS_LOGIN -> suspiciousLogin(start, round);
                case VIRAL_PRODUCT -> viralProduct(start, round);
                case SITE_SPIKE -> siteSpike(start, round);
                case ENGAGED_SESSION -> engagedSession(start, round);
                default -> throw new IllegalStateException("not scripted: " + scenario);
            };
            script.schedule();
        }
    }

    /** 80 events in 40 s: the 51st is the first with more than 50 in a minute. */
    private Script botBurst(long start, int round) {
        String user = "bot_" + round;
        Script script = new Script(Scenario.BOT_BURST, user);
        for (int i = 0; i < 80; i++) {
            Map<String, Object> data = context("city_0", "desktop");
            data.put("page", "/deals");
            script.user(start + i * 500L, user, i % 2 == 0 ? "page_view" : "click", data);
        }
        return script.expect("potential_fraud/excessive_activity", Map.of("events", 80, "window_seconds", 40,
                "trigger_time_ms", start + 50 * 500L, "events_at_trigger", 51));
    }

    /** Seven towns, five minutes apart: the sixth distinct town within the hour fires. */
    private Script impossibleTravel(long start, int round) {
        String user = "traveler_" + round;
        Script script = new Script(Scenario.IMPOSSIBLE_TRAVEL, user);
        List<String> towns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String town = "city_" + (10 + i);
            towns.add(town);
            Map<String, Object> data = context(town, "mobile");
            data.put("page", "/account");
            script.user(start + i * 300_000L, user, "page_view", data);
        }
        return script.expect("potential_fraud/impossible_travel", Map.of("locations", towns,
                "trigger_time_ms", start + 5 * 300_000L, "unique_locations_at_trigger", 6));
    }

    /**
     * A suspicious login, a 1500 transaction two minutes later (fires), a 2500 transaction seven minutes after the
     * login (too late, must not fire) and a login flagged with the string "true" (must not count).
     */
    private Script suspiciousLogin(long start, int round) {
        String user = "fraudster_" + round;
        Script script = new Script(Scenario.SUSPICIOUS_LOGIN, user);
        Map<String, Object> login = context("city_3", "mobile");
        login.put("suspicious", true);
        script.user(start, user, "login", login);
        script.user(start + 120_000, user, "transaction", amount(1500.0));
        script.user(start + 420_000, user, "transaction", amount(2500.0));
        Map<String, Object> notReallySuspicious = context("city_3", "mobile");
        notReallySuspicious.put("suspicious", "true");
        script.user(start + 480_000, user, "login", notReallySuspicious);
        script.user(start + 540_000, user, "transaction", amount(5000.0));
        return script.expect("potential_fraud/suspicious_login_transaction", Map.of("login_time_ms", start,
                "trigger_time_ms", start + 120_000, "amount", 1500.0, "actions", 1));
    }

    /** 150 views in 20 minutes of a product nobody viewed before: the 101st view within the hour trends. */
    private Script viralProduct(long start, int round) {
        String product = "product_viral_" + round;
        Script script = new Script(Scenario.VIRAL_PRODUCT, product);
        for (int i = 0; i < 150; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("user_id", "user_" + users.next(random));
            data.put("category", "category_viral");
            data.put("price", 49.99);
            script.record(start + i * 8_000L, Topics.PRODUCT_EVENTS.name(), product, "product_view", data);
        }
        return script.expect("trending_product", Map.of("views", 150, "trigger_time_ms", start + 100 * 8_000L,
                "hourly_views_at_trigger", 101));
    }

    /** 300 shares in 4 minutes from 300 users: the 251st within 300 s is above 50 a minute. */
    private Script siteSpike(long start, int round) {
        Script script = new Script(Scenario.SITE_SPIKE, "user_share");
        for (int i = 0; i < 300; i++) {
            Map<String, Object> data = context("city_" + i % LOCATIONS, DEVICES[i % DEVICES.length]);
            data.put("page", "/new");
            script.user(start + i * 800L, "crowd_" + round + "_" + i, "share", data);
        }
        return script.expect("event_spike", Map.of("trend_key", "user_share", "events", 300,
                "trigger_time_ms", start + 250 * 800L, "window_events_at_trigger", 251));
    }

    /** A page every 8 s for three minutes: at 64 s, nine pages make 8.4 pages/minute over more than a minute. */
    private Script engagedSession(long start, int round) {
        String user = "engaged_" + round;
        Script script = new Script(Scenario.ENGAGED_SESSION, user);
        for (int i = 0; i < 23; i++) {
            Map<String, Object> data = context("city_7", "tablet");
            data.put("page", "/blog/" + i);
            script.user(start + i * 8_000L, user, "page_view", data);
        }
        return script.expect("high_engagement", Map.of("page_views", 23, "trigger_time_ms", start + 64_000,
                "page_views_at_trigger", 9));
    }

    private static Map<String, Object> context(String location, String device) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("location", location);
        data.put("device", device);
        return data;
    }

    private static Map<String, Object> amount(double amount) {
        Map<String, Object> data = context("city_3", "mobile");
        data.put("amount", amount);
        return data;
    }

    /**
     * The records of one scenario occurrence. It is reported once its trigger record has been emitted: from then on a
     * correct service must detect it, even if the run ends before the occurrence's last record.
     */
    private final class Script {
        private final Scenario scenario;
        private final String subject;
        private final List<Scripted> records = new ArrayList<>();
        private Injection injection;
        private int untilTrigger;

        Script(Scenario scenario, String subject) {
            this.scenario = scenario;
            this.subject = subject;
        }

        void user(long time, String user, String type, Map<String, Object> data) {
            record(time, Topics.USER_EVENTS.name(), user, type, data);
        }

        void record(long time, String topic, String id, String type, Map<String, Object> data) {
            records.add(new Scripted(this, time, topic, id, type, data));
        }

        Script expect(String expect, Map<String, Object> details) {
            long from = records.get(0).time;
            long to = records.get(records.size() - 1).time;
            injection = new Injection(scenario, subject, from, to, expect, details);
            long trigger = (long) details.get("trigger_time_ms");
            untilTrigger = (int) records.stream().filter(scripted -> scripted.time <= trigger).count();
            return this;
        }

        void schedule() {
            queue.addAll(records);
        }

        void emitted() {
            if (--untilTrigger == 0) {
                report.triggered(injection);
            }
        }
    }

    private final class Scripted extends Pending {
        private final Script script;
        private final String topic;
        private final String id;
        private final String type;
        private final Map<String, Object> data;

        Scripted(Script script, long time, String topic, String id, String type, Map<String, Object> data) {
            super(time);
            this.script = script;
            this.topic = topic;
            this.id = id;
            this.type = type;
            this.data = data;
        }

        @Override
        void fire() {
            ready.add(good(topic, id, type, time, data, GeneratedRecord.Timing.IN_ORDER, script.scenario));
            script.emitted();
        }
    }
}

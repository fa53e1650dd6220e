package com.example.analytics.user.it;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.model.Event;
import com.example.analytics.model.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * What the service must answer for a list of generated records, computed here from the contract alone (no service
 * code): Kafka's default partitioning, per-partition stream time and grace for lateness, gap clustering of each
 * user's accepted events, the engagement rule evaluated along each session.
 */
final class ExpectedSessions {

    record ExpectedSession(long start, long end, int events, int pageViews) {
    }

    private static final long GAP = 30 * 60_000L;
    private static final long GRACE = 5_000L;

    final Map<String, List<ExpectedSession>> sessionsByUser = new TreeMap<>();
    final Map<String, Long> lastEventByUser = new HashMap<>();
    final Set<String> actionIds = new LinkedHashSet<>();
    long late;
    long bad;
    long streamTime = Long.MIN_VALUE;

    ExpectedSessions(List<GeneratedRecord> records, int partitions) {
        long[] partitionTime = new long[partitions];
        java.util.Arrays.fill(partitionTime, Long.MIN_VALUE);
        Map<String, List<Event>> accepted = new HashMap<>();
        for (GeneratedRecord record : records) {
            if (!record.topic().equals(Topics.USER_EVENTS.name())) {
                continue;
            }
            if (record.event() == null) {
                bad++;
                continue;
            }
            int partition = BuiltInPartitioner.partitionForKey(record.key(), partitions);
            long time = record.event().timestampMillis();
            partitionTime[partition] = Math.max(partitionTime[partition], time);
            if (time < partitionTime[partition] - GRACE) {
                late++;
                continue;
            }
            accepted.computeIfAbsent(record.event().subjectId(), u -> new ArrayList<>()).add(record.event());
            streamTime = Math.max(streamTime, time);
        }
        accepted.forEach((user, events) -> {
            events.sort(Comparator.comparingLong(Event::timestampMillis));
            List<ExpectedSession> sessions = new ArrayList<>();
            int from = 0;
            for (int i = 1; i <= events.size(); i++) {
                if (i == events.size() || events.get(i).timestampMillis() - events.get(i - 1).timestampMillis() > GAP) {
                    sessions.add(session(user, events.subList(from, i)));
                    from = i;
                }
            }
            java.util.Collections.reverse(sessions);
            sessionsByUser.put(user, sessions);
            lastEventByUser.put(user, events.get(events.size() - 1).timestampMillis());
        });
    }

    private ExpectedSession session(String user, List<Event> events) {
        long start = events.get(0).timestampMillis();
        int pageViews = 0;
        boolean fired = false;
        for (Event event : events) {
            pageViews += "page_view".equals(event.eventType()) ? 1 : 0;
            long duration = event.timestampMillis() - start;
            if (!fired && duration >= 60_000 && pageViews * 60_000.0 > 5.0 * duration) {
                fired = true;
                actionIds.add("user-analytics:high_engagement:" + user + ":" + start);
            }
        }
        return new ExpectedSession(start, events.get(events.size() - 1).timestampMillis(), events.size(), pageViews);
    }

    long activeSessions() {
        long nowSecond = Math.floorDiv(streamTime, 1000L);
        return lastEventByUser.values().stream()
                .filter(last -> Math.floorDiv(last, 1000L) >= nowSecond - GAP / 1000).count();
    }
}

package com.example.analytics.user.session;

import com.example.analytics.model.UserEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One session of one user in event time: the events at most the gap apart, from {@code startMillis} to
 * {@code endMillis}. Distinct values are kept in first-seen order and capped, so a session is compact however long
 * it runs.
 *
 * @param engaged whether a {@code high_engagement} action has been emitted for this session (or for any session it
 *                was merged from); once true it stays true, which is what makes "once per session" survive merges
 */
public record Session(long startMillis, long endMillis, int events, int pageViews, List<String> pages,
                      List<String> devices, List<String> locations, boolean engaged) {

    public static final String PAGE_VIEW = "page_view";

    public Session {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("a session cannot end before it starts");
        }
        pages = List.copyOf(pages);
        devices = List.copyOf(devices);
        locations = List.copyOf(locations);
    }

    /** A session of one event. */
    public static Session of(UserEvent event, int maxDistinct) {
        long time = event.timestampMillis();
        return new Session(time, time, 0, 0, List.of(), List.of(), List.of(), false).add(event, maxDistinct);
    }

    /** This session with {@code event}, which lies within the gap of it. */
    public Session add(UserEvent event, int maxDistinct) {
        long time = event.timestampMillis();
        boolean pageView = PAGE_VIEW.equals(event.eventType());
        return new Session(Math.min(startMillis, time), Math.max(endMillis, time), events + 1,
                pageViews + (pageView ? 1 : 0),
                with(pages, pageView ? event.dataText("page") : Optional.empty(), maxDistinct),
                with(devices, event.dataText("device"), maxDistinct),
                with(locations, event.dataText("location"), maxDistinct),
                engaged);
    }

    /** One session out of this and {@code later} (which starts after this one), as a late event joined them. */
    public Session merge(Session later, int maxDistinct) {
        return new Session(Math.min(startMillis, later.startMillis), Math.max(endMillis, later.endMillis),
                events + later.events, pageViews + later.pageViews,
                union(pages, later.pages, maxDistinct), union(devices, later.devices, maxDistinct),
                union(locations, later.locations, maxDistinct),
                engaged || later.engaged);
    }

    /** Whether an event at {@code timeMillis} belongs to this session: at most {@code gapMillis} from it. */
    public boolean joins(long timeMillis, long gapMillis) {
        return timeMillis >= startMillis - gapMillis && timeMillis <= endMillis + gapMillis;
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }

    /** Page views per minute of duration; empty for a session of zero duration. */
    public Optional<Double> pagesPerMinute() {
        return durationMillis() == 0 ? Optional.empty()
                : Optional.of(pageViews * 60_000.0 / durationMillis());
    }

    public Session markEngaged() {
        return new Session(startMillis, endMillis, events, pageViews, pages, devices, locations, true);
    }

    private static List<String> with(List<String> values, Optional<String> value, int max) {
        if (value.isEmpty() || values.size() >= max || values.contains(value.get())) {
            return values;
        }
        List<String> more = new ArrayList<>(values.size() + 1);
        more.addAll(values);
        more.add(value.get());
        return more;
    }

    private static List<String> union(List<String> first, List<String> second, int max) {
        List<String> all = new ArrayList<>(first);
        for (String value : second) {
            if (all.size() >= max) {
                break;
            }
            if (!all.contains(value)) {
                all.add(value);
            }
        }
        return all;
    }
}

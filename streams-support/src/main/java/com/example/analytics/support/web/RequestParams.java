package com.example.analytics.support.web;

import java.util.regex.Pattern;

/** Checks of path and query parameters shared by every controller, so every service rejects the same way. */
public final class RequestParams {

    /** Ids as producers send them: letters, digits and a few separators ... */
    public static final String ID_PATTERN = "^[A-Za-z0-9_.:@-]+$";
    /** ... at most this many characters. */
    public static final int ID_MAX_LENGTH = 128;

    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private RequestParams() {
    }

    public static String id(String name, String value) {
        if (value == null || value.length() > ID_MAX_LENGTH || !ID.matcher(value).matches()) {
            throw new ApiException.BadParameter(name + " must be 1-" + ID_MAX_LENGTH + " letters, digits or _ . : @ -");
        }
        return value;
    }

    /** A bounded positive count: absent gives {@code defaultValue}, outside 1..max is a 400. */
    public static int limit(String name, String value, int defaultValue, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiException.BadParameter(name + " must be a whole number between 1 and " + max);
        }
        if (parsed < 1 || parsed > max) {
            throw new ApiException.BadParameter(name + " must be between 1 and " + max);
        }
        return parsed;
    }

    /** An optional epoch-seconds bound; absent gives {@code defaultValue}. */
    public static double epochSeconds(String name, String value, double defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed) && parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400 below
        }
        throw new ApiException.BadParameter(name + " must be epoch seconds (a non-negative number)");
    }
}

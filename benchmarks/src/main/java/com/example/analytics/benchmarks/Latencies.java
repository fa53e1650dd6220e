package com.example.analytics.benchmarks;

import com.example.analytics.support.test.Http;
import java.util.Arrays;

/** Times a GET end to end over HTTP, after a warm-up, and prints p50, p99 and max. */
final class Latencies {

    private Latencies() {
    }

    static void measure(String url, String name, int warmUp, int calls) {
        for (int i = 0; i < warmUp; i++) {
            Http.get(url);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Http.Response response = Http.get(url);
            nanos[i] = System.nanoTime() - start;
            if (response.status() != 200) {
                throw new IllegalStateException(name + " answered " + response.status() + ": " + response.body());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-28s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms (%d calls)%n", name,
                nanos[calls / 2] / 1e6, nanos[calls * 99 / 100] / 1e6, nanos[calls - 1] / 1e6, calls);
    }
}

package com.example.analytics.support.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports for servers that must be told their port before they start: brokers, services in other JVMs. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free on this machine a moment ago; another process may still take it before it is bound. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

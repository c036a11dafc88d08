package partygraph.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The port clients know (NEO4J_BOLT_PORT), in front of Neo4j's own Bolt connector, which listens on an
 * ephemeral loopback port. Neo4j serves Bolt over WebSocket on the same port as plain Bolt and has no
 * setting to turn that off or to check the Origin header, so any web page open on this machine could
 * talk to it with {@code new WebSocket('ws://127.0.0.1:7687')}. The product speaks plain Bolt only:
 * this door forwards a connection whose first four bytes are Bolt's magic preamble and answers anything
 * else (an HTTP request, a WebSocket upgrade, TLS) with 403 and closes it, before Neo4j sees a byte.
 *
 * <p>Blocking sockets, two threads per connection: the product keeps a small pool of long-lived
 * connections, so this costs a copy on loopback, not a thread per query.
 */
final class BoltFrontDoor implements AutoCloseable {
    private static final byte[] BOLT_MAGIC = {(byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17};
    private static final byte[] REFUSAL = ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + "Content-Length: 52\r\n\r\nThis port speaks Bolt only (no HTTP, no WebSocket).\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private volatile int neo4jPort = -1;

    /** Binds the public port now, so a port in use fails the start before Neo4j opens the store. */
    BoltFrontDoor(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    }

    /** Starts forwarding to Neo4j's own Bolt port. */
    void open(int neo4jBoltPort) {
        neo4jPort = neo4jBoltPort;
        Thread acceptor = new Thread(this::acceptLoop, "bolt-front-door");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "bolt-front-door-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("[embedded-neo4j] bolt front door: " + e.getMessage());
                }
            }
        }
    }

    private void handle(Socket client) {
        try {
            client.setTcpNoDelay(true);
            // A client that connects and says nothing is not kept.
            client.setSoTimeout(10_000);
            byte[] first = client.getInputStream().readNBytes(4);
            if (!Arrays.equals(first, BOLT_MAGIC)) {
                refuse(client, first);
                return;
            }
            client.setSoTimeout(0);
            Socket neo4j = new Socket(InetAddress.getLoopbackAddress(), neo4jPort);
            neo4j.setTcpNoDelay(true);
            neo4j.getOutputStream().write(first);
            Thread back = new Thread(() -> pump(neo4j, client), "bolt-front-door-back");
            back.setDaemon(true);
            back.start();
            pump(client, neo4j);
        } catch (SocketTimeoutException e) {
            closeQuietly(client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void refuse(Socket client, byte[] first) {
        boolean http = first.length == 4 && first[0] == 'G' && first[1] == 'E' && first[2] == 'T' && first[3] == ' ';
        System.err.println("[embedded-neo4j] refused a " + (http ? "HTTP/WebSocket" : "non-Bolt") + " connection on the Bolt port");
        try {
            if (http) {
                client.getOutputStream().write(REFUSAL);
                client.getOutputStream().flush();
            }
        } catch (IOException ignored) {
            // The client is gone; nothing to tell it.
        } finally {
            closeQuietly(client);
        }
    }

    /** Copies one direction until it ends, then half-closes the other side so the peer sees the end. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[65_536];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ignored) {
            // Either side closing ends the copy.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

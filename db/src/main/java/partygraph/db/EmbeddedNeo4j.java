package partygraph.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A real Neo4j Community server, started from the Maven Central jars, serving plain Bolt on loopback
 * only, behind {@link BoltFrontDoor} (which refuses HTTP and WebSocket: no web page can reach it).
 *
 * <p>Settings come from the environment so Node, the shell and CI configure it the same way:
 * <ul>
 *   <li>NEO4J_BOLT_PORT (default 7687)</li>
 *   <li>NEO4J_HOME_DIR (default .data/neo4j): the store, kept across restarts</li>
 *   <li>NEO4J_PASSWORD (required; the Node side makes a random one per store): never printed</li>
 *   <li>NEO4J_PAGECACHE (default 512m), NEO4J_TX_TIMEOUT (default 60s)</li>
 * </ul>
 *
 * <p>Prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts
 * connections. With {@code --exit-with-parent} it also stops when its stdin closes, which is how a
 * Node parent that crashes or is killed with SIGKILL still takes this JVM down with it.
 *
 * <p>The store and its logs are private to the user running it: folders 0700, files 0600 (existing
 * ones are tightened at start; new ones follow the umask 077 the Node side starts this JVM with).
 */
public final class EmbeddedNeo4j {

    public static void main(String[] args) throws Exception {
        boolean exitWithParent = false;
        for (String arg : args) {
            if (arg.equals("--exit-with-parent")) {
                exitWithParent = true;
            } else {
                fail("unknown argument " + arg + " (known: --exit-with-parent)");
            }
        }

        // From the start, not only once ready: a parent killed while Neo4j starts must not leave it running.
        if (exitWithParent) {
            Thread watcher = new Thread(() -> {
                waitForEof(System.in);
                log("parent went away (stdin closed)");
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        int port = parsePort(env("NEO4J_BOLT_PORT", "7687"));
        Path home = Path.of(env("NEO4J_HOME_DIR", ".data/neo4j")).toAbsolutePath();
        String password = env("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            fail("NEO4J_PASSWORD must be set, with at least 8 characters (Neo4j's own minimum)");
        }
        Files.createDirectories(home);
        makePrivate(home);

        BoltFrontDoor door;
        try {
            door = new BoltFrontDoor(port);
        } catch (BindException e) {
            fail("port " + port + " is already in use (another Neo4j, perhaps another checkout's?): stop it or set NEO4J_BOLT_PORT");
            return;
        }

        Map<String, String> config = new TreeMap<>();
        config.put("server.bolt.enabled", "true");
        // Neo4j's own connector on an ephemeral loopback port; clients come through the front door.
        config.put("server.bolt.listen_address", "127.0.0.1:0");
        config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        config.put("server.http.enabled", "false");
        config.put("server.https.enabled", "false");
        config.put("dbms.security.auth_enabled", "true");
        config.put("server.memory.pagecache.size", env("NEO4J_PAGECACHE", "512m"));
        config.put("db.transaction.timeout", env("NEO4J_TX_TIMEOUT", "60s"));
        // Keep a day of logical logs: enough for recovery, small enough for a laptop.
        config.put("db.tx_log.rotation.retention_policy", "1 days");
        config.put("dbms.usage_report.enabled", "false");
        // Bolt's defaults wait 5 s twice for clients that are already gone; the Node side closes its
        // driver before it stops us, so shorter waits make a stop take about a second, not ten.
        config.put("internal.server.bolt.connection_shutdown_wait_time", "1s");
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        config.put("internal.dbms.bolt.netty_server_shutdown_timeout", "2");

        log("starting Neo4j Community in " + home + " (Bolt 127.0.0.1:" + port + ")");
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(writeConfig(home, config)).build();
        } catch (RuntimeException e) {
            fail("Neo4j did not start: " + rootMessage(e)
                    + " (is another Neo4j using " + home + " or port " + port + "?)");
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping Neo4j");
            try {
                door.close();
            } catch (IOException ignored) {
                // Closing the listening socket cannot fail in a way that matters at exit.
            }
            dbms.shutdown();
            log("Neo4j stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        setPassword(dbms, password);
        // A query on the user database proves the store is open and recovered before we say ready.
        dbms.database("neo4j").executeTransactionally("RETURN 1");
        int neo4jBoltPort = ((GraphDatabaseAPI) dbms.database("system")).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class).getLocalAddress(ConnectorType.BOLT).getPort();
        door.open(neo4jBoltPort);

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        stopped.await();
    }

    /** Folders 0700, files 0600: the store and its logs are nobody else's to read (POSIX systems). */
    private static void makePrivate(Path home) throws IOException {
        if (!home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
            }
        }
    }

    /** Sets the neo4j user's password on every start, so the environment is the one source of truth. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one already set; that is the steady state.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /**
     * Writes the settings as a neo4j.conf in the store's home: the builder only takes raw setting names
     * from a file, and the file also tells a person what this server ran with. It holds no secret.
     */
    private static Path writeConfig(Path home, Map<String, String> config) throws IOException {
        StringBuilder text = new StringBuilder("# Written by partygraph.db.EmbeddedNeo4j at every start; edits are overwritten.\n");
        config.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Path file = home.resolve("neo4j.conf");
        Files.writeString(file, text.toString());
        return file;
    }

    private static void waitForEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Anything the parent writes is ignored; only the end of the stream matters.
            }
        } catch (IOException ignored) {
            // A broken pipe means the same as EOF: the parent is gone.
        }
    }

    private static int parsePort(String raw) {
        try {
            int port = Integer.parseInt(raw.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("NEO4J_BOLT_PORT must be a port number from 1 to 65535, got '" + raw + "'");
        return -1;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void log(String message) {
        System.err.println("[embedded-neo4j] " + message);
    }

    private static void fail(String message) {
        log("error: " + message);
        System.exit(2);
    }
}

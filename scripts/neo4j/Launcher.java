// Starts an embedded Neo4j Community DBMS with its Bolt connector, for
// scripts/neo4j-local. Not a general-purpose server: see docs/neo4j-local.md.
//
// Usage: java -cp "<jars>/*:<dir of this class>" Launcher HOME CONF PIDFILE
//   HOME     the DBMS home directory (data/ and logs/ are created under it)
//   CONF     a neo4j.conf-style properties file (setting names are validated)
//   PIDFILE  written with this JVM's pid before the DBMS starts
// Environment: NEO4J_LOCAL_PASSWORD, when set (and auth is enabled in CONF),
// becomes the password of user "neo4j".

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME CONF PIDFILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Path.of(args[1]).toAbsolutePath();
        Path pidFile = Path.of(args[2]).toAbsolutePath();
        writeAtomically(pidFile, ProcessHandle.current().pid() + "\n");

        log("starting Neo4j DBMS, home " + home);
        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            log("stopped");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        String password = System.getenv("NEO4J_LOCAL_PASSWORD");
        if (password != null && !password.isEmpty()) {
            setPassword(dbms, password);
        }
        log(String.format("NEO4J_LOCAL_READY after %.1f s", (System.nanoTime() - t0) / 1e9));
        stopped.await();
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            log("password of user neo4j set");
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; anything else is fatal.
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Old password and new password cannot be the same")) {
                log("password of user neo4j unchanged");
            } else {
                throw e;
            }
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void log(String msg) {
        System.out.println(java.time.Instant.now() + " [neo4j-local] " + msg);
        System.out.flush();
    }
}

package dev.nhiguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A database Keycloak runs on in the database tests: the options that point Keycloak at it, a reset to an empty
 * schema before the test class starts, and a JDBC connection for what only a second node or the passing of days
 * would otherwise write (none for the embedded H2, which Keycloak holds open).
 */
public enum Database {

    H2(List.of(), null, null, null),
    POSTGRES(List.of("--db=postgres", "--db-url=jdbc:postgresql://127.0.0.1:5432/test", "--db-username=postgres", "--db-password=unused-trust-auth"),
            "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "unused-trust-auth"),
    MARIADB(List.of("--db=mariadb", "--db-url=jdbc:mariadb://127.0.0.1:3306/test", "--db-username=root"),
            "jdbc:mariadb://127.0.0.1:3306/test", "root", "");

    private final List<String> keycloakOptions;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    Database(List<String> keycloakOptions, String jdbcUrl, String user, String password) {
        this.keycloakOptions = keycloakOptions;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public List<String> keycloakOptions() {
        return keycloakOptions;
    }

    /** Drops everything an earlier run left, so Keycloak creates its schema and the pack's tables from scratch. */
    public void reset() {
        if (this == H2) {
            return; // the server's data directory is deleted instead
        }
        try (Connection c = connect().orElseThrow(); Statement s = c.createStatement()) {
            if (this == POSTGRES) {
                s.execute("DROP SCHEMA IF EXISTS public CASCADE");
                s.execute("CREATE SCHEMA public");
            } else {
                s.execute("DROP DATABASE IF EXISTS test");
                s.execute("CREATE DATABASE test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(this + " at " + jdbcUrl + " is not reachable; .ci/run starts it (see docs/operations.md, Databases): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a commit survives the server being killed at once. The embedded H2 writes its file a moment after a
     * commit, so a kill -9 may take the last second of commits with it (a sweep run again redoes them).
     */
    public boolean durableCommits() {
        return this != H2;
    }

    /** A connection to the database Keycloak uses, or empty for H2. */
    public Optional<Connection> connect() throws SQLException {
        return jdbcUrl == null ? Optional.empty() : Optional.of(DriverManager.getConnection(jdbcUrl, user, password));
    }
}

import GRDB

/// The SQLite store's schema, as GRDB migrations applied in order. A migration, once
/// released, is never edited: a change is a new migration.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs") { db in
            try db.execute(sql: """
                CREATE TABLE models (
                    fingerprint TEXT PRIMARY KEY NOT NULL,
                    model_json TEXT NOT NULL,
                    horizon_days INTEGER NOT NULL,
                    as_of TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    as_of TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    model_fingerprint TEXT NOT NULL REFERENCES models(fingerprint),
                    at_risk_below INTEGER NOT NULL,
                    watch_below INTEGER NOT NULL,
                    account_count INTEGER NOT NULL,
                    feature_names TEXT NOT NULL,
                    UNIQUE (as_of, model_fingerprint)
                );
                CREATE TABLE run_accounts (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    account_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    segment TEXT NOT NULL,
                    mrr REAL,
                    churn_probability REAL NOT NULL,
                    health_score INTEGER NOT NULL,
                    tier TEXT NOT NULL,
                    revenue_at_risk REAL NOT NULL,
                    reasons TEXT NOT NULL,
                    feature_values BLOB NOT NULL,
                    contribution_intercept REAL NOT NULL,
                    \(StoreSchema.familyColumns.map { "\($0) REAL NOT NULL" }.joined(separator: ",\n"))
                    ,PRIMARY KEY (run_id, account_id)
                );
                -- A run's accounts by risk (the dashboard's default order). One account's
                -- history needs no index of its own: it is one primary-key lookup per run.
                CREATE INDEX run_accounts_by_risk ON run_accounts (run_id, churn_probability DESC);
                """)
        }
        // No query orders a run's rows by risk in the database (the dashboard sorts a run it
        // has read once), and keeping the index cost every write a random insert per row.
        migrator.registerMigration("v2-no-risk-index") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS run_accounts_by_risk")
        }
        return migrator
    }
}

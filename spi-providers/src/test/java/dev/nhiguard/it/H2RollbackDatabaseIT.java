package dev.nhiguard.it;

import dev.nhiguard.testsupport.Database;

/** Taking the pack off and putting it back on the embedded H2 that start-dev uses. */
class H2RollbackDatabaseIT extends RollbackOnDatabase {

    @Override
    Database database() {
        return Database.H2;
    }
}

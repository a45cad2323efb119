package dev.nhiguard.install;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tested range is written into the jar by the build; a release outside it is named, never refused. */
class KeycloakReleaseTest {

    @Test
    void theBuildWritesTheTestedRangeIntoTheJar() {
        String[] tested = System.getProperty("nhi.tested.keycloak").split(" ");
        assertEquals(tested[0], KeycloakRelease.testedFrom());
        assertEquals(tested[1], KeycloakRelease.testedTo());
    }

    @Test
    void aReleaseIsTestedWhenItLiesInTheRangeByItsNumbers() {
        assertTrue(KeycloakRelease.within("26.7.0", "26.7.0", "26.7.5"));
        assertTrue(KeycloakRelease.within("26.7.4", "26.7.0", "26.7.5"));
        assertTrue(KeycloakRelease.within("26.7.5.Final", "26.7.0", "26.7.5"));
        assertFalse(KeycloakRelease.within("26.8.0", "26.7.0", "26.7.5"));
        assertFalse(KeycloakRelease.within("26.6.3", "26.7.0", "26.7.5"));
        assertFalse(KeycloakRelease.within("26.10.1", "26.7.0", "26.7.5"), "numbers, not text: 10 is after 7");
        assertFalse(KeycloakRelease.within("999.0.0-SNAPSHOT", "26.7.0", "26.7.5"));
        assertFalse(KeycloakRelease.within("unknown", "26.7.0", "26.7.5"));
        assertFalse(KeycloakRelease.within(null, "26.7.0", "26.7.5"));
    }

    @Test
    void serverInfoSaysWhetherTheRunningReleaseIsTested() {
        String from = KeycloakRelease.testedFrom();
        String to = KeycloakRelease.testedTo();
        assertEquals(to + " (tested: " + from + " to " + to + ")", KeycloakRelease.describe(to));
        String untested = KeycloakRelease.describe("26.8.0");
        assertTrue(untested.startsWith("26.8.0: not a tested release (NHI Guard "), untested);
        assertTrue(untested.endsWith("is tested on Keycloak " + from + " to " + to + ")"), untested);
    }
}

package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModeCoverageTest {

    static int[] balanced(int n, int k) {
        int[] l = new int[n];
        Arrays.setAll(l, i -> i % k);
        return l;
    }

    @Test
    void oneRepeatedClassCoversOneOfTen() {
        int[] real = balanced(1000, 10);
        int[] samples = new int[500];
        Arrays.fill(samples, 4);
        samples[0] = 6; // a few misclassified samples stay below the threshold
        samples[1] = 2;
        ModeCoverage m = ModeCoverage.of(samples, real, 10, null);
        assertEquals(1, m.classesCovered());
        // KL(q || p) with q almost all on one class of p = 1/10: about log 10
        assertEquals(Math.log(10), m.klToData(), 0.05);
        assertTrue(Double.isNaN(m.conditionalAccuracy()));
    }

    @Test
    void balancedSamplesCoverEveryClassWithZeroDivergence() {
        ModeCoverage m = ModeCoverage.of(balanced(2000, 10), balanced(1000, 10), 10, balanced(2000, 10));
        assertEquals(10, m.classesCovered());
        assertEquals(0, m.klToData(), 1e-12);
        assertEquals(1.0, m.conditionalAccuracy(), 0);
        assertEquals(200, m.histogram()[3]);
    }
}

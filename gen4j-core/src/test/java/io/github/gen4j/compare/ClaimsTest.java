package io.github.gen4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.compare.report.MetricsSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.github.gen4j.family.SamplerVariant;

/** Verdicts and decisions follow the numbers (synthetic results, no training). */
class ClaimsTest {

    static JobResult run(String family, long seed, Map<String, Double> m, Map<String, Map<String, Double>> variants) {
        return new JobResult(family, seed, JobResult.OK, null, "runs/" + family, m,
                family.equals("flow") ? Map.of("bits_per_dim", "exact density: bpd") : Map.of(), variants,
                // FID 1.5x higher half-way; the GAN's half-way checkpoint is earlier (20 s) than the others' (30 s)
                List.of(new JobResult.CurvePoint(10, family.equals("gan") ? 20 : 30, Map.of("fid", m.get("fid") * 1.5)),
                        new JobResult.CurvePoint(20, 60, Map.of("fid", m.get("fid")))), null, null, 1, "now", null);
    }

    static Map<String, Double> m(double fid, double sharp, double ips, double ms, double params, double recall) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fid", fid);
        m.put("sharpness_ratio", sharp);
        m.put("train_images_per_s", ips);
        m.put("sample_ms_per_image", ms);
        m.put("parameters", params);
        m.put("recall", recall);
        m.put("classes_covered", 10.0);
        return m;
    }

    static CompareResults results(List<JobResult> runs) {
        return results(runs, Map.of("note", "not measured"));
    }

    static CompareResults results(List<JobResult> runs, Map<String, Object> toy) {
        List<String> fams = List.of("vae", "gan", "diffusion", "flow");
        CompareSettings s = new CompareSettings(fams, Map.of("vae", 2, "gan", 2, "diffusion", 1, "flow", 1), 60, 0,
                FamilyRecipe.Scale.TINY, null, 0, 32, 100, 50, 10, 1, 2, 1, 0);
        return new CompareResults("t", "now", s, Map.of(), Map.of("classes", 10), runs, List.of(),
                CompareResults.summarize(fams, runs), toy);
    }

    /** A toy section entry as ToyGallery writes it; {@code modes} < 0: a distribution without modes. */
    static Map<String, Object> toy(String family, String dist, int modes) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("energy_distance", 0.01));
        if (modes >= 0) {
            m.put("modes_covered", (double) modes);
            m.put("modes", 8.0);
        }
        return Map.of("family", family, "distribution", dist, "metrics", m);
    }

    static Claims.Part part(CompareResults r, int claim, int part) {
        return Claims.check(r).get(claim).parts().get(part);
    }

    @Test
    void decisionsCallATieWhenTheDifferenceIsWithinTheSeedsSpreadOrTheTimingNoise() {
        // FID: vae 100 and 104 (mean 102, std 2.83), gan 97 and 99 (mean 98, std 1.41): difference 4, two
        // standard errors of it 2 sqrt(4 + 1) = 4.47 -> a tie; diffusion 150 on one seed is far off
        List<JobResult> runs = List.of(
                run("vae", 1, m(100, 0.5, 900, 0.60, 3e6, 0.5), Map.of()),
                run("vae", 2, m(104, 0.5, 900, 0.60, 3e6, 0.5), Map.of()),
                run("gan", 1, m(97, 0.9, 600, 0.56, 2e6, 0.4), Map.of()),
                run("gan", 2, m(99, 0.9, 600, 0.56, 2e6, 0.4), Map.of()),
                run("diffusion", 1, m(150, 1.0, 300, 20, 1e6, 0.6), Map.of()));
        List<Decisions.Decision> d = Decisions.decide(results(runs));
        assertEquals("gan, vae (tied)", d.get(0).family(), d.get(0).evidence());
        assertTrue(d.get(0).evidence().endsWith("a tie: the differences are within the seeds' spread"),
                d.get(0).evidence());
        assertTrue(d.get(0).rule().contains("within two standard errors over seeds of the best = a tie"), d.get(0).rule());
        // sampling: 0.56 against 0.60 ms/image with identical seeds (no spread) is within the 10% timing noise
        assertEquals("gan, vae (tied)", d.get(1).family(), d.get(1).evidence());
        assertTrue(d.get(1).rule().contains("or 10% of the best"), d.get(1).rule());

        // the same means with seeds that agree closely: the GAN wins FID (4 > 2 sqrt(0.02 + 0.02) = 0.4)
        List<JobResult> tight = List.of(
                run("vae", 1, m(101.8, 0.5, 900, 0.60, 3e6, 0.5), Map.of()),
                run("vae", 2, m(102.2, 0.5, 900, 0.70, 3e6, 0.5), Map.of()),
                run("gan", 1, m(97.8, 0.9, 600, 0.50, 2e6, 0.4), Map.of()),
                run("gan", 2, m(98.2, 0.9, 600, 0.50, 2e6, 0.4), Map.of()));
        d = Decisions.decide(results(tight));
        assertEquals("gan", d.get(0).family(), d.get(0).evidence());
        // 0.50 against 0.65 (spread 0.07, standard error 0.05): beyond both 10% and two standard errors
        assertEquals("gan", d.get(1).family(), d.get(1).evidence());
    }

    @Test
    void folkloreNumbersConfirmTheClaimsAndReversedNumbersRefuteThem() {
        Map<String, Map<String, Double>> diff = Map.of(SamplerVariant.DEFAULT.name(), Map.of("fid", 22.0,
                "sample_ms_per_image", 20.0), new SamplerVariant("ddpm", 1000).name(), Map.of("fid", 20.0, "sample_ms_per_image", 900.0));
        Map<String, Double> flow = m(80, 1.2, 300, 2, 4e6, 0.5);
        flow.put("bits_per_dim", 3.4);
        flow.put("recon_psnr", 120.0);
        List<JobResult> runs = new ArrayList<>(List.of(
                run("vae", 1, m(60, 0.5, 900, 0.2, 3e6, 0.5), Map.of()),
                run("vae", 2, m(62, 0.5, 880, 0.2, 3e6, 0.5), Map.of()),
                run("gan", 1, m(15, 0.95, 600, 0.1, 2e6, 0.2), Map.of()),
                run("gan", 2, m(40, 0.9, 610, 0.1, 2e6, 0.15), Map.of()),
                run("diffusion", 1, m(30, 1.0, 300, 20, 1e6, 0.6), diff),
                run("flow", 1, flow, Map.of())));
        CompareResults r = results(runs);
        assertEquals(Verdict.HOLDS, Claims.check(r).get(0).verdict(), Claims.check(r).get(0).toString());
        assertEquals(Verdict.HOLDS, part(r, 1, 0).verdict(), "GAN has the lowest FID");
        assertEquals(Verdict.HOLDS, part(r, 1, 1).verdict(), "FID 15 vs 40 over two seeds: unstable");
        assertEquals(Verdict.HOLDS, part(r, 1, 2).verdict(), "recall 0.175 < half of 0.6");
        assertEquals(Verdict.NOT_MEASURED, part(r, 1, 3).verdict(), "no toy section");
        CompareResults withToy = results(runs, Map.of("steps", 100, "results", List.of(
                toy("gan", "ring8", 5), toy("gan", "moons", -1), toy("vae", "ring8", 7), toy("flow", "ring8", 8))));
        assertEquals(Verdict.HOLDS, part(withToy, 1, 3).verdict(), "5 of 8 modes against the flow's 8");
        assertTrue(part(withToy, 1, 3).evidence().contains("gan 5/8, vae 7/8, flow 8/8"),
                part(withToy, 1, 3).evidence());
        CompareResults allModes = results(runs, Map.of("steps", 100, "results", List.of(toy("gan", "ring8", 8),
                toy("vae", "ring8", 7))));
        assertEquals(Verdict.DOES_NOT_HOLD, part(allModes, 1, 3).verdict());
        assertEquals(Verdict.HOLDS, Claims.check(r).get(2).verdict(), Claims.check(r).get(2).toString());
        assertEquals(Verdict.HOLDS, Claims.check(r).get(3).verdict(), Claims.check(r).get(3).toString());
        assertEquals(Verdict.NOT_MEASURED, Claims.check(r).get(4).verdict(), "no latent measurements yet");
        assertNull(Decisions.decide(r).get(3).family(), "latent smoothness not measured");

        // latent paths: the VAE's are the straightest, the flow's steps the most even
        double[][] latent = {{2.2, 0.25}, {2.2, 0.25}, {2.6, 0.24}, {2.6, 0.24}, {3.2, 0.31}, {3.0, 0.20}};
        for (int i = 0; i < runs.size(); i++) {
            JobResult j = runs.get(i);
            runs.set(i, j.withLatent(Map.of("interp_path_ratio", latent[i][0], "interp_step_cv", latent[i][1]), "t",
                    null));
        }
        r = results(runs);
        assertEquals(Verdict.HOLDS, part(r, 4, 0).verdict(), "VAE's path ratio 2.2 is the lowest");
        assertEquals(Verdict.DOES_NOT_HOLD, part(r, 4, 1).verdict(), "the flow's step CV 0.20 is below the VAE's");
        assertEquals(Verdict.PARTLY, Claims.check(r).get(4).verdict());

        List<Decisions.Decision> d = Decisions.decide(r);
        assertEquals("gan, diffusion (tied)", d.get(0).family(), "the GAN's FIDs 15 and 40 (mean 27.5, standard"
                + " error 12.5) do not separate it from the diffusion's 30");
        assertEquals("gan", d.get(1).family(), "0.1 against 0.2 ms/image: beyond the 10% timing noise");
        assertEquals("flow", d.get(2).family(), "the only exact likelihood");
        assertEquals("vae", d.get(3).family(), "the lowest path ratio");
        assertEquals("gan", d.get(4).family(), "FID <= 80 (the flow's final FID): gan at 20 s, diffusion at 30 s, vae and flow at 60 s");
        CompareResults tie = results(List.of(run("vae", 1, m(60, 0.5, 900, 0.2, 3e6, 0.5), Map.of()),
                run("diffusion", 1, m(60, 1.0, 300, 20, 1e6, 0.6), Map.of())));
        assertEquals("vae, diffusion (tied)", Decisions.decide(tie).get(4).family(), "both first reach FID 60 at 60 s");

        // the VAE sharper and better than the GAN: the VAE claim's comparisons fail
        runs.set(0, run("vae", 1, m(10, 1.0, 100, 0.2, 3e6, 0.5), Map.of()));
        runs.set(1, run("vae", 2, m(10.5, 1.0, 100, 0.2, 3e6, 0.5), Map.of()));
        CompareResults rev = results(runs);
        assertEquals(Verdict.PARTLY, Claims.check(rev).get(0).verdict(), "stable, but not fast, not blurrier");
        assertEquals(Verdict.DOES_NOT_HOLD, part(rev, 0, 2).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, part(rev, 1, 0).verdict(), "the VAE now has the lowest FID");
        assertEquals("vae, gan (tied)", Decisions.decide(rev).get(0).family(), "the VAE first, but the GAN's FIDs 15"
                + " and 40 leave 17.25 within two standard errors (25)");
    }

    @Test
    void aFailedRunMakesTrainingUnstableAndMissingFamiliesAreNotMeasured() {
        JobResult failed = new JobResult("gan", 2, JobResult.FAILED, "diverged", "runs/gan", Map.of(), Map.of(),
                Map.of(), List.of(), null, null, 1, "now", null);
        CompareResults r = results(List.of(run("gan", 1, m(15, 0.9, 600, 0.1, 2e6, 0.5), Map.of()), failed));
        assertEquals(Verdict.HOLDS, part(r, 1, 1).verdict(), "one of two GAN runs failed");
        assertEquals(Verdict.NOT_MEASURED, part(r, 1, 0).verdict(), "no other family to compare with");
        assertEquals(Verdict.NOT_MEASURED, Claims.check(r).get(3).verdict(), "no flow");

        Map<String, Double> rolled = m(60, 0.5, 900, 0.2, 3e6, 0.5);
        rolled.put("rollbacks", 1.0);
        CompareResults rb = results(List.of(run("vae", 1, rolled, Map.of()), run("vae", 2, m(60, 0.5, 900, 0.2, 3e6,
                0.5), Map.of())));
        assertEquals(Verdict.DOES_NOT_HOLD, part(rb, 0, 0).verdict(), "a rollback is a divergence");
        assertTrue(part(rb, 0, 0).evidence().contains("1 rolled back"), part(rb, 0, 0).evidence());
    }

    /** A run of {@code family} whose FID was {@code first} at 200 s and {@code end} at 600 s (end NaN: failed after 200 s). */
    static JobResult warmOrCold(String family, long seed, double first, double end) {
        JobResult.CurvePoint p = new JobResult.CurvePoint(900, 200, Map.of("fid", first));
        if (Double.isNaN(end)) {
            return new JobResult(family, seed, JobResult.FAILED, "the discriminator has won", "runs/" + family, Map.of(),
                    Map.of(), Map.of(), List.of(p), null, null, 1, "now", null);
        }
        Map<String, Double> m = m(end, 1.0, 600, 0.1, 2e6, 0.3);
        return new JobResult(family, seed, JobResult.OK, null, "runs/" + family, m, Map.of(), Map.of(),
                List.of(p, new JobResult.CurvePoint(2700, 600, Map.of("fid", end))), null, null, 1, "now", null);
    }

    @Test
    void theWarmStartClaimComparesTheVaeInitializedGanWithItsColdStartOnly() {
        String warm = FamilyRecipes.GAN_VAEINIT.name();
        String cold = FamilyRecipes.GAN_VAEARCH.name();
        List<String> fams = List.of("vae", "gan", warm, cold);
        CompareSettings s = new CompareSettings(fams, Map.of("vae", 1, "gan", 1, warm, 4, cold, 4), 60, 0,
                FamilyRecipe.Scale.TINY, null, 0, 32, 100, 50, 10, 1, 2, 1, 0);
        List<JobResult> runs = List.of(run("vae", 1, m(60, 0.5, 900, 0.2, 3e6, 0.5), Map.of()),
                run("gan", 1, m(15, 0.9, 600, 0.1, 2e6, 0.2), Map.of()),
                // the warm start: good early, two of three runs fall apart (one to FID 10, better than the GAN)
                warmOrCold(warm, 1, 150, 780), warmOrCold(warm, 2, 150, 700), warmOrCold(warm, 3, 300, 10),
                // the cold start: worse early, two of three runs fail
                warmOrCold(cold, 1, 400, Double.NaN), warmOrCold(cold, 2, 400, Double.NaN), warmOrCold(cold, 3, 350, 320),
                // neither counts: a run that failed while being measured, a first checkpoint without a finite FID
                new JobResult(warm, 4, JobResult.FAILED, JobResult.MEASURING + "convergence failed", "runs/w4", Map.of(),
                        Map.of(), Map.of(), List.of(), null, null, 1, "now", null),
                warmOrCold(cold, 4, Double.NaN, 320));
        CompareResults r = new CompareResults("t", "now", s, Map.of(), Map.of("classes", 10), runs, List.of(),
                CompareResults.summarize(fams, runs), Map.of());
        List<Claims.Claim> claims = Claims.check(r);
        assertEquals(6, claims.size(), "the warm-start claim joins when its variants ran");
        List<Claims.Part> p = claims.get(5).parts();
        assertEquals(Verdict.HOLDS, p.get(0).verdict(), "first-checkpoint FID 200 against 383");
        assertTrue(p.get(0).evidence().contains("400 (failed later)"), p.get(0).evidence());
        assertTrue(p.get(0).evidence().contains("(mean 200)") && p.get(0).evidence().contains("(mean 383.3)"),
                "the NaN and the unmeasured run are left out of the means: " + p.get(0).evidence());
        assertEquals(Verdict.DOES_NOT_HOLD, p.get(1).verdict(), "two of three warm runs unstable, two of four cold");
        assertTrue(p.get(1).evidence().contains(warm + ": 2 of 3 runs unstable (seed 1 fell apart (best 150, final"
                + " 780), seed 2 fell apart (best 150, final 700))")
                && p.get(1).evidence().contains(cold + ": 2 of 4 runs unstable (seed 1 failed, seed 2 failed)"),
                p.get(1).evidence());
        assertEquals(Verdict.DOES_NOT_HOLD, p.get(2).verdict(), "final FID 497 against 320");
        assertEquals(Verdict.PARTLY, claims.get(5).verdict());
        assertEquals((150 + 150 + 10) / 3.0, r.mean(warm, JobResult.FID_BEST), 1e-9, "the best checkpoint of each"
                + " finished run: 150 (not the final 780), 150, 10");
        assertEquals(0, r.trainingFailures(warm), "a failure while being measured is not a training failure");
        assertEquals(2, r.trainingFailures(cold));
        assertEquals(Verdict.HOLDS, part(r, 1, 0).verdict(), "the variants' FID 10 is not the GAN family's rival");
        for (Decisions.Decision d : Decisions.decide(r)) {
            assertTrue(!d.evidence().contains("gan-vae"), "decisions choose among model families: " + d);
        }
        assertTrue(Decisions.decide(r).get(4).evidence().startsWith("FID <= 60"), "the worst family's final FID, not"
                + " a collapsed variant's: " + Decisions.decide(r).get(4).evidence());

        assertEquals(5, Claims.check(results(List.of(run("gan", 1, m(15, 0.9, 600, 0.1, 2e6, 0.2), Map.of()))))
                .size(), "no variant ran: no warm-start claim");

        // the metrics table ranks model families only: a variant's better FID gets no star
        List<JobResult> three = List.of(run("vae", 1, m(60, 0.5, 900, 0.2, 3e6, 0.5), Map.of()),
                run("gan", 1, m(15, 0.9, 600, 0.1, 2e6, 0.2), Map.of()), warmOrCold(warm, 1, 150, 10));
        CompareResults ranked = new CompareResults("t", "now", s, Map.of(), Map.of("classes", 10), three, List.of(),
                CompareResults.summarize(fams, three), Map.of());
        assertEquals(10, ranked.mean(warm, "fid"));
        assertEquals("gan", MetricsSection.bestFamily(ranked, MetricInfo.of("fid")));
    }
}

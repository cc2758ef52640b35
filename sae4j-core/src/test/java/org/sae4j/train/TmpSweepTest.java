package org.sae4j.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;

class TmpSweepTest {
    static Dataset[] task(String name) {
        if (name.equals("images")) {
            Dataset all = DataSources.resolve(DataSources.EMBEDDED);
            return new Dataset[] {all.slice(0, all.rows() - 1000), DataSources.resolve(DataSources.EMBEDDED_HELD_OUT)};
        }
        String spec = name.equals("zipf40") ? "synthetic:features=160,dim=40,active=5,dist=zipf,alpha=1,coeff=uniform,coeffmin=0,coeffmax=1"
                : "synthetic:features=72,dim=24,active=3,coeff=uniform,coeffmin=0,coeffmax=1";
        return new Dataset[] {SyntheticSpec.parse(spec + ",samples=24000,seed=3").dataset(),
                SyntheticSpec.parse(spec + ",samples=6000,seed=3,start=24000").dataset()};
    }

    static EvalReport run(Architecture arch, String name, double lambda, SparsityTarget target) {
        Dataset[] t = task(name);
        int width = name.equals("images") ? 512 : name.equals("zipf40") ? 320 : 144;
        SparseAutoencoder sae = SaeBuilder.of(arch, t[0].cols()).width(width).coefficient(lambda).build();
        Trainer.fit(sae, t[0], FitOptions.builder().epochs(name.equals("images") ? 10 : 5).batchSize(256).seed(1)
                .optimizer(() -> new Adam(1e-3)).normalization(Normalizer.Kind.NONE).sparsityTarget(target).build());
        EvalReport r = Metrics.evaluate(sae, t[1], null);
        System.out.printf("%s %s lambda %.3g target %s: L0 %.3f FVU %.4f%n", arch, name, lambda, target, r.l0(), r.fvu());
        return r;
    }

    @ParameterizedTest
    @CsvSource({"STANDARD, zipf40, 6", "STANDARD, uniform24, 4", "STANDARD, images, 20", "GATED, images, 20"})
    void sweep(Architecture arch, String name, double l0) {
        EvalReport t = run(arch, name, 1e-3, SparsityTarget.l0(l0));
        double found = 1e-3 * 1; 
        double ev = HandSweep.explainedVarianceAt(t.l0(), 1e-3, lam -> run(arch, name, lam, null));
        System.out.printf("RESULT %s %s target %.1f: L0 %.3f FVU %.4f; fixed at that L0 FVU %.4f (%.3fx)%n", arch, name, l0,
                t.l0(), t.fvu(), 1 - ev, t.fvu() / (1 - ev));
    }
}

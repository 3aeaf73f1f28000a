using FusionKit.Models.Generation;
using FusionKit.Platform;
using TorchSharp;

namespace FusionKit.Tests.Models.Generation;

public class GenerationModelTests
{
    public GenerationModelTests() => TorchRuntime.EnsureReady();

    private static readonly GanArchitecture Small = new(ConditionDim: 6, LatentDim: 8, ProjectedDim: 5, GeneratorWidth: 8, DiscriminatorWidth: 4);

    [Fact]
    public void Generator_MapsNoiseAndConditionToImagesInTanhRange()
    {
        torch.manual_seed(1);
        using var g = new ConditionalGenerator(Small);
        using var z = torch.randn(3, 8);
        using var c = torch.randn(3, 6);
        using var x = g.call(z, c);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void Discriminator_ScoresOneLogitPerImage_EncoderOneLatentPerImage()
    {
        torch.manual_seed(2);
        using var d = new MatchingAwareDiscriminator(Small);
        using var e = new LatentEncoder(Small);
        using var x = torch.rand(5, 1, 28, 28) * 2 - 1;
        using var c = torch.randn(5, 6);
        using var logits = d.call(x, c);
        using var latent = e.call(x);
        Assert.Equal(new long[] { 5 }, logits.shape);
        Assert.Equal(new long[] { 5, 8 }, latent.shape);
    }

    [Fact]
    public void Discriminator_DependsOnTheCondition()
    {
        torch.manual_seed(3);
        using var d = new MatchingAwareDiscriminator(Small);
        d.eval();
        using var x = torch.rand(4, 1, 28, 28) * 2 - 1;
        using var c1 = torch.randn(4, 6);
        using var c2 = torch.randn(4, 6);
        using var a = d.call(x, c1);
        using var b = d.call(x, c2);
        Assert.True((a - b).abs().max().item<float>() > 1e-6f, "a matching-aware D must read its text");
    }

    [Fact]
    public void ConditionStatistics_CentreAndScaleAsHandComputed_AndTravelWithTheSavedWeights()
    {
        // Table rows (1, 0) and (3, 0): mean (2, 0); deviations ±1 and 0, mean square (1 + 1 + 0 + 0) / 4 = 0.5,
        // so the scale is 1 / sqrt(0.5) = sqrt(2) (hand-computed).
        using var projection = new ConditionProjection(2, 3);
        using var table = torch.tensor(new float[] { 1, 0, 3, 0 }, [2, 2]);
        projection.FitStatistics(table);
        var buffers = projection.named_buffers().ToDictionary(b => b.name, b => b.buffer.data<float>().ToArray());
        Assert.Equal([2f, 0f], buffers["condition_mean"]);
        Assert.Equal(MathF.Sqrt(2f), buffers["condition_scale"][0], 5);

        // Standardised, the network cannot tell a table from a shifted and rescaled copy of it: the same drawings.
        torch.manual_seed(3);
        using var g = new ConditionalGenerator(Small);
        using var conditions = torch.randn(4, 6) * 0.05 + 1;                 // (4, 6): nearly equal rows, as sentence embeddings are
        using var z = torch.randn(4, 8);
        g.FitConditionStatistics(conditions);
        using var before = g.call(z, conditions);
        g.FitConditionStatistics(conditions * 7 - 2);
        using var after = g.call(z, conditions * 7 - 2);
        Assert.True((before - after).abs().max().item<float>() < 1e-4f);

        // The statistics are buffers: saved and loaded with the weights.
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "g.fkm");
        FusionKit.Training.ModelFiles.Save(g, path);
        using var loaded = new ConditionalGenerator(Small);
        FusionKit.Training.ModelFiles.Load(loaded, path);
        using var reloaded = loaded.call(z, conditions * 7 - 2);
        Assert.True((after - reloaded).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void ProjectionDiscriminator_AddsAnInnerProductTerm_LinearInTheEmbedding_ZeroWhenTheEmbeddingIsZero()
    {
        // Miyato and Koyama 2018, equation 3: logit = ψ(φ(x)) + ⟨V e(c), Σ φ(x)⟩. With V = 0 the condition cannot matter;
        // the term is linear in V, so doubling V doubles each logit's distance from the V = 0 logit (hand-derived).
        torch.manual_seed(6);
        using var d = new MatchingAwareDiscriminator(Small with { ProjectionDiscriminator = true });
        using var x = torch.rand(4, 1, 28, 28) * 2 - 1;
        using var c1 = torch.randn(4, 6);
        using var c2 = torch.randn(4, 6);
        var v = d.named_parameters().Single(p => p.name.StartsWith("condition_embedding", StringComparison.Ordinal)).parameter;
        Assert.Equal(new long[] { 2 * Small.DiscriminatorWidth, Small.ProjectedDim }, v.shape);
        using var trained = v.detach().clone();
        using (torch.no_grad()) v.zero_();
        using var zero1 = d.call(x, c1);
        using var zero2 = d.call(x, c2);
        Assert.Equal(zero1.data<float>().ToArray(), zero2.data<float>().ToArray());
        using (torch.no_grad()) v.copy_(trained);
        using var once = d.call(x, c1);
        using (torch.no_grad()) v.copy_(trained * 2);
        using var twice = d.call(x, c1);
        using var expected = (once - zero1) * 2;
        using var actual = twice - zero1;
        Assert.True((once - zero1).abs().max().item<float>() > 1e-6f, "the projection term must read the condition");
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-6), "the projection term is not linear in V");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backward_ReachesEveryParameterOfGeneratorAndDiscriminator(bool projection)
    {
        torch.manual_seed(4);
        using var g = new ConditionalGenerator(Small with { ProjectionDiscriminator = projection });
        using var d = new MatchingAwareDiscriminator(Small with { ProjectionDiscriminator = projection });
        using var z = torch.randn(4, 8);
        using var c = torch.randn(4, 6);
        using var loss = MatchingAwareLoss.Generator(d.call(g.call(z, c), c));
        loss.backward();
        foreach (var (name, p) in g.named_parameters().Concat(d.named_parameters()))
        {
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"no gradient reaches {name}");
        }
    }

    [Fact]
    public void UnconditionalNetworks_IgnoreTheMissingCondition_ConditionalOnesRequireIt()
    {
        torch.manual_seed(5);
        var unconditional = Small with { ConditionDim = 0 };
        using var g = new ConditionalGenerator(unconditional);
        using var d = new MatchingAwareDiscriminator(unconditional);
        using var z = torch.randn(2, 8);
        using var logits = d.call(g.call(z, null), null);
        Assert.Equal(new long[] { 2 }, logits.shape);
        using var conditional = new ConditionalGenerator(Small);
        var e = Assert.Throws<ArgumentException>(() => conditional.call(z, null));
        Assert.Contains("conditional", e.Message);
        using var wrongWidth = torch.randn(2, 7);
        Assert.Throws<ArgumentException>(() => conditional.call(z, wrongWidth));
    }

    [Fact]
    public void MatchingAwareLoss_MatchesHandComputedValues()
    {
        // Logits chosen so every term is a closed form: BCE(x, 1) = ln(1 + e^-x), BCE(x, 0) = ln(1 + e^x).
        // real [0, ln 3] -> (ln 2 + ln 4/3) / 2 = 0.49041463; mismatched [0, -ln 3] -> same 0.49041463;
        // fake [ln 3, 0] -> (ln 4 + ln 2) / 2 = 1.03972077.
        // GAN-CLS (Reed et al. 2016, Alg. 1): 0.49041463 + (0.49041463 + 1.03972077) / 2 = 1.25548233.
        // Without the mismatched term (DCGAN): 0.49041463 + 1.03972077 = 1.53013540.
        // Non-saturating G loss on fake [ln 3, 0]: (ln 4/3 + ln 2) / 2 = 0.49041463.
        var ln3 = (float)Math.Log(3);
        using var real = torch.tensor(new[] { 0f, ln3 });
        using var mismatched = torch.tensor(new[] { 0f, -ln3 });
        using var fake = torch.tensor(new[] { ln3, 0f });
        using var cls = MatchingAwareLoss.Discriminator(real, mismatched, fake);
        using var plain = MatchingAwareLoss.Discriminator(real, null, fake);
        using var generator = MatchingAwareLoss.Generator(fake);
        Assert.Equal(1.25548233, cls.item<float>(), 5);
        Assert.Equal(1.53013540, plain.item<float>(), 5);
        Assert.Equal(0.49041463, generator.item<float>(), 5);

        // One-sided label smoothing, real target 0.9: BCE(x, 0.9) = -0.9 ln σ(x) - 0.1 ln(1 - σ(x)); at x = 0 it is ln 2,
        // at x = ln 3 (σ = 0.75) 0.9 * 0.28768207 + 0.1 * 1.38629436 = 0.39754330; real mean 0.54534524, plus fake 1.03972077.
        using var smoothed = MatchingAwareLoss.Discriminator(real, null, fake, 0.9f);
        Assert.Equal(1.58506601, smoothed.item<float>(), 5);
    }

    [Fact]
    public void ModeSeeking_MatchesHandComputedRatio_AndPunishesIdenticalDrawings()
    {
        // Mao et al. 2019, eq. 3 as in their code: 1 / (mean|G(z1) - G(z2)| / mean|z1 - z2| + 1e-5).
        // |fake1 - fake2| = [1, 0, 0, 2] -> mean 0.75; |z1 - z2| = [1, 1, 2, 0] -> mean 1; loss 1 / 0.75001 = 1.3333156.
        using var fake1 = torch.tensor(new[] { 0f, 1f, 2f, 3f }, [2, 1, 1, 2]);
        using var fake2 = torch.tensor(new[] { 1f, 1f, 2f, 1f }, [2, 1, 1, 2]);
        using var z1 = torch.zeros(2, 2);
        using var z2 = torch.tensor(new[] { 1f, -1f, 2f, 0f }, [2, 2]);
        using var loss = MatchingAwareLoss.ModeSeeking(fake1, fake2, z1, z2);
        Assert.Equal(1.3333156, loss.item<float>(), 4);

        // The same drawing for both noise batches (G ignores z): 1 / 1e-5, a hundred thousand times larger.
        using var collapsed = MatchingAwareLoss.ModeSeeking(fake1, fake1, z1, z2);
        Assert.Equal(1e5, collapsed.item<float>(), 0);

        // Its gradient pushes the drawings apart: d loss / d fake1 has the sign of -(fake1 - fake2) where they differ.
        using var moving = fake1.clone().requires_grad_(true);
        using var grad = MatchingAwareLoss.ModeSeeking(moving, fake2, z1, z2);
        grad.backward();
        var g = moving.grad!.data<float>().ToArray();
        Assert.True(g[0] > 0 && g[3] < 0, string.Join(", ", g)); // fake1[0] = 0 < fake2[0] = 1: lower it; fake1[3] = 3 > 1: raise it
    }

    [Fact]
    public void Architecture_RejectsOddGeneratorWidth_NamingTheSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new GanArchitecture(4, GeneratorWidth: 7).Validate());
        Assert.Contains("GeneratorWidth", e.Message);
    }

    [Fact]
    public void Architecture_RejectsAOneClassHead_NamingTheSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new GanArchitecture(4, AuxiliaryClasses: 1).Validate());
        Assert.Contains("AuxiliaryClasses", e.Message);
    }

    [Fact]
    public void ClassHead_GivesOneLogitPerClass_ReadFromTheImageAlone_AndLeavesTheScoreAsForward()
    {
        // The head sits before the condition joins (TAC-GAN's D must name the class from pixels, or it would copy it
        // from the text): other conditions, the same class logits; the score is forward's.
        torch.manual_seed(7);
        using var d = new MatchingAwareDiscriminator(Small with { ProjectionDiscriminator = true, AuxiliaryClasses = 3 });
        using var x = torch.rand(4, 1, 28, 28) * 2 - 1;
        using var c1 = torch.randn(4, 6);
        using var c2 = torch.randn(4, 6);
        var (score1, classes1) = d.ScoreAndClassify(x, c1);
        var (score2, classes2) = d.ScoreAndClassify(x, c2);
        using var forward = d.call(x, c1);
        Assert.Equal(new long[] { 4, 3 }, classes1!.shape);
        Assert.Equal(classes1.data<float>().ToArray(), classes2!.data<float>().ToArray());
        Assert.Equal(forward.data<float>().ToArray(), score1.data<float>().ToArray());
        Assert.True((score1 - score2).abs().max().item<float>() > 1e-6f, "the score must still read the condition");

        using var plain = new MatchingAwareDiscriminator(Small);
        var (_, none) = plain.ScoreAndClassify(x, c1);
        Assert.Null(none);
        foreach (var t in new[] { score1, classes1, score2, classes2 }) t.Dispose();
    }

    [Fact]
    public void ResizeConvolution_UpsamplesByNearestNeighbourThenConvolves_AndEveryParameterLearns()
    {
        // Odena et al. 2016: x2 nearest-neighbour upsampling then a 3x3 conv, no transposed convolution left in G.
        torch.manual_seed(8);
        var resize = Small with { ResizeConvolution = true };
        using var g = new ConditionalGenerator(resize);
        Assert.DoesNotContain(g.modules(), m => m is TorchSharp.Modules.ConvTranspose2d);
        Assert.Equal(2, g.modules().Count(m => m is TorchSharp.Modules.Upsample));
        using var d = new MatchingAwareDiscriminator(resize);
        using var z = torch.randn(3, 8);
        using var c = torch.randn(3, 6);
        using var x = g.call(z, c);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);
        using var loss = MatchingAwareLoss.Generator(d.call(x, c));
        loss.backward();
        foreach (var (name, p) in g.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"no gradient reaches {name}");

        // A constant map stays constant away from the border: nearest upsampling copies each value to a 2x2 block, and a
        // 3x3 conv of a constant is the constant times the kernel's sum (hand-derived), with no stride pattern.
        using var up = torch.nn.Sequential(torch.nn.Upsample(scale_factor: [2.0, 2.0], mode: torch.UpsampleMode.Nearest), torch.nn.Conv2d(1, 1, 3, padding: 1, bias: false));
        using var input = torch.full(1, 1, 4, 4, 0.5f);
        using var output = up.call(input);
        var kernelSum = up.parameters().Single().sum().item<float>();
        using var interior = output[.., .., 1..7, 1..7];
        Assert.True((interior - 0.5f * kernelSum).abs().max().item<float>() < 1e-6f);
    }
}

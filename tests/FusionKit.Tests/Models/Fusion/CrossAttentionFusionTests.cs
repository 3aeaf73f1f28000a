using FusionKit.Models.Fusion;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using FusionKit.Vision;
using TorchSharp;

namespace FusionKit.Tests.Models.Fusion;

public class CrossAttentionFusionTests
{
    public CrossAttentionFusionTests() => TorchRuntime.EnsureReady();

    /// <summary>4 one-hot tokens of 4 values; W_k = I (no bias), W_q = 10 I, b_q = 0, one head of width 4.</summary>
    private static CrossAttentionFusion Constructed(int heads)
    {
        var fusion = new CrossAttentionFusion(tokenDim: 4, imageTokens: 4, textDim: 4, attentionDim: 4, heads: heads, outputDim: 3);
        var identity = new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 };
        FusionTestKit.Set(fusion.KeyProjection, identity);
        FusionTestKit.Set(fusion.QueryProjection, identity.Select(v => 10 * v).ToArray(), [0, 0, 0, 0]);
        return fusion;
    }

    // Query text = e_2 -> q = 10 e_2; token t = e_t -> k_t = e_t. Scores q·k_t / sqrt(4) = 5 for t = 2, else 0.
    // Weight on token 2 = e^5 / (e^5 + 3) = 0.980186662653491 (Python's math.exp); the others (1 - that) / 3.
    [Fact]
    public void AttentionMap_PutsItsWeightOnTheTokenMatchingTheQuery()
    {
        using var fusion = Constructed(heads: 1);
        using var tokens = torch.eye(4).unsqueeze(0);                         // (1, 4, 4): token t = e_t
        using var text = torch.tensor(new float[] { 0, 0, 1, 0 }, 1, 4);      // e_2
        using var map = fusion.AttentionMap(tokens, text);
        Assert.Equal(new long[] { 1, 4 }, map.shape);
        var m = TorchTestSupport.Values(map);
        Assert.Equal(0.980186662653491, m[2], 5);
        Assert.Equal((1 - 0.980186662653491) / 3, m[0], 5);
        Assert.Equal(1.0, m.Sum(), 5);
    }

    [Fact]
    public void MultiHeadMap_SumsToOneOverTokens_AndStillPeaksAtTheMatchingToken()
    {
        using var fusion = Constructed(heads: 2);
        using var tokens = torch.eye(4).unsqueeze(0).expand(2, 4, 4).contiguous();
        using var text = torch.tensor(new float[] { 0, 0, 1, 0, 1, 0, 0, 0 }, 2, 4); // queries e_2 and e_0
        using var map = fusion.AttentionMap(tokens, text);
        using var sums = map.sum([1]);
        Assert.True(sums.allclose(torch.ones(2), atol: 1e-6));
        using var argmax = map.argmax(1);
        Assert.Equal(new long[] { 2, 0 }, argmax.data<long>().ToArray());
    }

    // Reference: the textbook computation (Vaswani et al. 2017, Sec. 3.2; PyTorch nn.MultiheadAttention with one
    // query), projecting every token: K = W_k X, V = W_v X + b_v, per head softmax(q K^T / sqrt(d)) V, heads concatenated,
    // then W_o [attended ; text]. The module computes the same from the raw tokens; outputs and maps must agree.
    [Fact]
    public void Output_AndMap_EqualTheTextbookComputationThatProjectsEveryToken()
    {
        torch.manual_seed(3);
        const int tokenDim = 12, tokensPerImage = 9, textDim = 5, attention = 8, heads = 2, d = attention / heads;
        using var fusion = new CrossAttentionFusion(tokenDim, tokensPerImage, textDim, attention, heads, outputDim: 6);
        using var image = torch.randn(4, tokensPerImage, tokenDim);
        using var text = torch.randn(4, textDim);

        using var q = fusion.QueryProjection.call(text).view(4, heads, 1, d);
        using var k = fusion.KeyProjection.call(image).view(4, tokensPerImage, heads, d).transpose(1, 2);
        using var v = fusion.ValueProjection.call(image).view(4, tokensPerImage, heads, d).transpose(1, 2);
        using var weights = torch.softmax(q.matmul(k.transpose(2, 3)) / Math.Sqrt(d), -1);      // (B, h, 1, T)
        using var attended = weights.matmul(v).reshape(4, attention);
        using var expected = fusion.OutputProjection.call(torch.cat([attended, text], 1));
        using var expectedMap = weights.squeeze(2).mean([1]);

        using var actual = fusion.call(image, text);
        using var map = fusion.AttentionMap(image, text);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5));
        Assert.True(map.allclose(expectedMap, rtol: 1e-4, atol: 1e-6));
    }

    /// <summary>
    /// <see cref="CrossAttentionFusion.CombineShared"/> against its reference, <see cref="CrossAttentionFusion.Combine"/> on
    /// each pair's image sides gathered row by row: outputs and every parameter's gradient (under a loss that weighs each
    /// output differently). Pairs interleaved; image positions per case: every image asked as often (the per-image
    /// layout, no padding), one image asked less (the layout with a padded slot), one image asked most (a layout more
    /// than a quarter larger than the pairs: combined pair by pair).
    /// </summary>
    [Theory]
    [InlineData(new long[] { 1, 0, 2, 2, 0, 1, 0, 1, 2 })]
    [InlineData(new long[] { 2, 0, 1, 0, 2, 1, 0, 1 })]
    [InlineData(new long[] { 0, 0, 1, 0, 2, 0, 0 })]
    public void CombineShared_GivesTheOutputsAndGradientsOfCombiningGatheredRows(long[] imageOf)
    {
        torch.manual_seed(3);
        using var fusion = new CrossAttentionFusion(tokenDim: 5, imageTokens: 4, textDim: 6, attentionDim: 4, heads: 2, outputDim: 3);
        using var images = torch.randn(3, 4 * 5);                        // (U, T·D_tok): the distinct images
        using var texts = torch.randn(imageOf.Length, 6);                 // (B, D_txt)
        using var positions = torch.tensor(imageOf);
        using var weights = torch.randn(imageOf.Length, 3);

        (torch.Tensor Output, torch.Tensor[] Gradients) Run(Func<torch.Tensor, torch.Tensor, torch.Tensor> combine)
        {
            fusion.zero_grad();
            var output = combine(fusion.ImageSide(images), fusion.TextSide(texts));
            (output * weights).sum().backward();
            return (output.detach(), fusion.parameters().Select(p => p.grad!.clone()).ToArray());
        }
        var (reference, referenceGradients) = Run((sides, text) => fusion.Combine(sides.index_select(0, positions), text));
        var (shared, sharedGradients) = Run((sides, text) => fusion.CombineShared(sides, positions, text));

        Assert.True(shared.allclose(reference, rtol: 0, atol: 1e-6), $"largest difference {(shared - reference).abs().max().item<float>()}");
        Assert.Equal(referenceGradients.Length, sharedGradients.Length);
        for (var i = 0; i < referenceGradients.Length; i++)
        {
            Assert.True(referenceGradients[i].abs().sum().item<float>() > 0, $"parameter {i}: the reference gradient is zero, the comparison would prove nothing");
            Assert.True(sharedGradients[i].allclose(referenceGradients[i], rtol: 1e-5, atol: 1e-6), $"gradient of parameter {i} differs");
        }
    }

    [Fact]
    public void Map_OnRandomWeights_SumsToOneOverAll49Tokens()
    {
        using var fusion = new CrossAttentionFusion(tokenDim: 8, imageTokens: 49, textDim: 6, attentionDim: 8, heads: 2, outputDim: 5);
        using var image = torch.randn(3, 49, 8);
        using var text = torch.randn(3, 6);
        using var map = fusion.AttentionMap(image, text);
        Assert.Equal(new long[] { 3, 49 }, map.shape);
        using var sums = map.sum([1]);
        Assert.True(sums.allclose(torch.ones(3), atol: 1e-5));
    }

    [Fact]
    public void FlattenedRows_Tokens_AndFeatureMap_GiveTheSameOutput()
    {
        using var fusion = new CrossAttentionFusion(tokenDim: 8, imageTokens: 49, textDim: 6, attentionDim: 8, heads: 2, outputDim: 5);
        using var map = torch.randn(2, 8, 7, 7);                   // encoder layout (B, D_tok, H, W)
        using var tokens = SpatialTokens.FromFeatureMap(map);      // (B, 49, 8)
        using var rows = tokens.reshape(2, 49 * 8);                // cached rows (B, 392)
        using var text = torch.randn(2, 6);
        using var fromMap = fusion.call(map, text);
        using var fromTokens = fusion.call(tokens, text);
        using var fromRows = fusion.call(rows, text);
        Assert.Equal(TorchTestSupport.Values(fromTokens), TorchTestSupport.Values(fromMap));
        Assert.Equal(TorchTestSupport.Values(fromTokens), TorchTestSupport.Values(fromRows));
        // token t is grid cell (t / 7, t % 7): token 10 = cell (1, 3)
        using var cell = map[.., .., 1, 3];
        using var token = tokens[.., 10, ..];
        Assert.Equal(TorchTestSupport.Values(cell), TorchTestSupport.Values(token));
    }

    [Fact]
    public void WrongLayout_ThrowsNamingTheAcceptedShapes()
    {
        using var fusion = new CrossAttentionFusion(tokenDim: 8, imageTokens: 49, textDim: 6, attentionDim: 8, heads: 2, outputDim: 5);
        using var pooled = torch.randn(2, 8);
        using var text = torch.randn(2, 6);
        var e = Assert.Throws<ArgumentException>(() => fusion.call(pooled, text));
        Assert.Contains("(B, 49, 8)", e.Message);
        Assert.Throws<ArgumentException>(() => new CrossAttentionFusion(8, 49, 6, attentionDim: 10, heads: 4, outputDim: 5));
    }

    // The pooled embedding the other methods read is the mean of the tokens: ResNet18's global average pool
    // (here on a 64x64 input, a 2x2 map) equals SpatialTokens.Pool of its final map.
    [Fact]
    public void PooledEmbedding_IsTheMeanOfTheTokens()
    {
        using var net = new ResNet18TorchModule();
        net.eval();
        using var noGrad = torch.no_grad();
        using var input = torch.randn(1, 3, 64, 64);
        using var pooled = net.call(input);                                  // (1, 512)
        using var map = net.ForwardFeatures(input);                          // (1, 512, 2, 2)
        using var tokens = SpatialTokens.FromFeatureMap(map);                // (1, 4, 512)
        using var mean = SpatialTokens.Pool(tokens);                         // (1, 512)
        Assert.True(pooled.allclose(mean, rtol: 1e-5, atol: 1e-6));
    }
}

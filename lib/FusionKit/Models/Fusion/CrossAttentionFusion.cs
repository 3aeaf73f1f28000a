using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>
/// Text-to-image cross-attention: the text embedding is the query over the image's region tokens (ResNet18's
/// final 7x7 map as 49 tokens of 512-d). Scaled dot-product attention with h heads (Vaswani et al., "Attention Is
/// All You Need", NeurIPS 2017, Sec. 3.2; the same computation as PyTorch's <c>nn.MultiheadAttention</c> with one
/// query): q = W_q x_txt, K = W_k tokens, V = W_v tokens, per head softmax(q K^T / sqrt(d_head)) V; the heads'
/// outputs are concatenated into the attended image (B, A) and the output is W_o [attended ; x_txt], (B, P).
/// <see cref="AttentionMap"/> returns the weights over the tokens averaged over heads (B, T) (PyTorch's
/// <c>average_attn_weights=True</c>), so the model can say where it looked.
/// Input contract (<see cref="ISpatialFusion"/>): image (B, T·D_tok) flattened rows, (B, T, D_tok) or
/// (B, D_tok, H, W) with H·W = T; <see cref="FusionModule.ImageDim"/> is T·D_tok. Tokens carry no position
/// encoding: attention treats them as a set, and the map's index t is the grid cell (t / W, t % W). W_k has no
/// bias: it would shift all of a query's scores by the same q·b_k, which the softmax cancels (its gradient is 0).
/// <para>Computed without projecting the tokens: with one query per image, q_h·(W_k,h x_t) = (W_k,h^T q_h)·x_t and
/// Σ_t a_t (W_v,h x_t + b_v,h) = W_v,h (Σ_t a_t x_t) + b_v,h (the weights sum to 1), so each head scores and pools
/// the raw tokens and projects once. Same parameters and outputs as projecting every token (a test checks it), at
/// O(h·T·D_tok) per image instead of O(T·D_tok·A): about 50 times less work for 49 ResNet18 tokens and A = 256.</para>
/// <para>As an <see cref="IPairwiseFusion"/> the text side holds every head's query in token space and the text's part
/// of the output projection, computed once per distinct text; the image side is the tokens themselves.</para>
/// </summary>
public sealed class CrossAttentionFusion : FusionModule, ISpatialFusion, IPairwiseFusion
{
    private readonly Linear query_projection;
    private readonly Linear key_projection;
    private readonly Linear value_projection;
    private readonly Linear output_projection;

    /// <param name="tokenDim">D_tok, width of one image token (512 for ResNet18).</param>
    /// <param name="imageTokens">T, tokens per image (49 for a 7x7 map).</param>
    /// <param name="textDim">D_txt.</param>
    /// <param name="attentionDim">A, width of queries, keys and values over all heads.</param>
    /// <param name="heads">h, which must divide A.</param>
    /// <param name="outputDim">P, width of the fused output.</param>
    public CrossAttentionFusion(int tokenDim, int imageTokens, int textDim, int attentionDim, int heads, int outputDim)
        : base(nameof(CrossAttentionFusion), checked(CheckPositive(tokenDim, nameof(tokenDim)) * CheckPositive(imageTokens, nameof(imageTokens))), textDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attentionDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputDim);
        if (attentionDim % heads != 0)
            throw new ArgumentException($"The attention width {attentionDim} must be divisible by the number of heads {heads}.", nameof(heads));
        query_projection = nn.Linear(textDim, attentionDim);
        key_projection = nn.Linear(tokenDim, attentionDim, hasBias: false); // a key bias adds q·b to every score alike: softmax ignores it
        value_projection = nn.Linear(tokenDim, attentionDim);
        output_projection = nn.Linear(attentionDim + textDim, outputDim);
        TokenDim = tokenDim;
        ImageTokens = imageTokens;
        AttentionDim = attentionDim;
        Heads = heads;
        FusedDim = outputDim;
        RegisterComponents();
    }

    /// <inheritdoc />
    public int ImageTokens { get; }

    /// <inheritdoc />
    public int TokenDim { get; }

    /// <summary>A.</summary>
    public int AttentionDim { get; }

    /// <summary>h.</summary>
    public int Heads { get; }

    /// <summary>P.</summary>
    public int FusedDim { get; }

    /// <summary>W_q, text -> queries (e.g. to set weights).</summary>
    public Linear QueryProjection => query_projection;

    /// <summary>W_k, tokens -> keys.</summary>
    public Linear KeyProjection => key_projection;

    /// <summary>W_v, tokens -> values.</summary>
    public Linear ValueProjection => value_projection;

    /// <summary>W_o, [attended ; text] -> output.</summary>
    public Linear OutputProjection => output_projection;

    /// <inheritdoc />
    public override int OutputDim => FusedDim;

    public override Tensor forward(Tensor image, Tensor text)
    {
        using var scope = NewDisposeScope();
        CheckPairs(image, text);
        var fused = Combine(ImageSide(image), TextSide(text));                // (B, P)
        return fused.MoveToOuterDisposeScope();
    }

    /// <summary>Attention over the T tokens averaged over heads, (B, T); rows sum to 1.</summary>
    public Tensor AttentionMap(Tensor image, Tensor text)
    {
        using var scope = NewDisposeScope();
        CheckPairs(image, text);
        var (weights, _) = Attend(ImageSide(image), TextSide(text)); // (B, h, T)
        var map = weights.mean([1]);                                 // (B, T)
        return map.MoveToOuterDisposeScope();
    }

    /// <summary>The image's tokens as flattened rows (N, T·D_tok): attention projects no token, so this is the input itself.</summary>
    public Tensor ImageSide(Tensor image)
    {
        var tokens = SpatialTokens.ToTokens(image, ImageTokens, TokenDim, GetName()); // (N, T, D_tok)
        return tokens.reshape(tokens.shape[0], (long)ImageTokens * TokenDim);          // (N, T*D_tok)
    }

    /// <summary>
    /// [W_k,1^T q_1 ; … ; W_k,h^T q_h ; W_o,t x_t + b_o] (N, h·D_tok + P): each head's query moved into token space
    /// (q = W_q x_t + b_q) and the text's part of the output projection (W_o = [W_o,a W_o,t]), with its bias.
    /// </summary>
    public Tensor TextSide(Tensor text)
    {
        if (text.dim() != 2 || text.shape[1] != TextDim)
            throw new ArgumentException($"{GetName()}: text batch must be (B, {TextDim}), got ({string.Join(", ", text.shape)}).", nameof(text));
        using var scope = NewDisposeScope();
        long n = text.shape[0], h = Heads, d = AttentionDim / Heads, width = TokenDim;
        var q = query_projection.call(text).view(n, h, d).transpose(0, 1);            // (h, N, d)
        var keyWeights = key_projection.weight!.view(h, d, width);                    // (h, d, D_tok)
        var queryInTokenSpace = q.bmm(keyWeights).transpose(0, 1).reshape(n, h * width); // (N, h*D_tok): W_k,h^T q_h
        var textOutput = nn.functional.linear(text, ColumnBlock(output_projection.weight!, AttentionDim, TextDim), output_projection.bias); // (N, P)
        var side = torch.cat([queryInTokenSpace, textOutput], 1);                     // (N, h*D_tok + P)
        return side.MoveToOuterDisposeScope();
    }

    /// <summary>Per pair: attention of the text's heads over the image's tokens, the pooled values and the output projection, (B, P).</summary>
    public Tensor Combine(Tensor imageSide, Tensor textSide)
    {
        using var scope = NewDisposeScope();
        var (_, pooled) = Attend(imageSide, textSide);                                                   // (B, h, D_tok)
        return Output(pooled, textSide).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <see cref="Combine"/> for pairs that share images, reading each image's tokens once: the pairs' queries are laid
    /// out per image, (U, m·h, D_tok) with m the most pairs of one image (shorter lists padded with a zero query that
    /// no pair reads), so one batched product per image scores all of its pairs, and the pooled tokens are taken back
    /// in pair order. Same products and sums as per pair, so the same outputs and gradients up to rounding; it saves copying an image's
    /// 49 tokens once per pair (questions about the same image). When the padding would make the layout more than a
    /// quarter larger than the pairs, the pairs are combined one by one as in <see cref="Combine"/>.
    /// </summary>
    public Tensor CombineShared(Tensor imageSides, Tensor imageOf, Tensor textSide)
    {
        using var scope = NewDisposeScope();
        var tokens = SpatialTokens.ToTokens(imageSides, ImageTokens, TokenDim, GetName()); // (U, T, D_tok)
        long b = textSide.shape[0], u = tokens.shape[0], h = Heads, d = AttentionDim / Heads, width = TokenDim;
        if (imageOf.dim() != 1 || imageOf.shape[0] != b)
            throw new ArgumentException($"{GetName()}: {b} pairs but {imageOf.shape.FirstOrDefault()} image positions.", nameof(imageOf));
        var (slotWidth, pairAtSlot, slotOfPair) = SharedLayout(imageOf, u);
        if (u * slotWidth * 4 > b * 5) return Combine(imageSides.index_select(0, imageOf), textSide).MoveToOuterDisposeScope();
        var query = textSide.narrow(1, 0, h * width).reshape(b, h, width);                                // (B, h, D_tok)
        var padded = torch.cat([query, torch.zeros(1, h, width, query.dtype, query.device)], 0);         // (B + 1, h, D_tok)
        var perImage = padded.index_select(0, pairAtSlot.to(query.device)).view(u, slotWidth * h, width); // (U, m·h, D_tok)
        var weights = torch.softmax(perImage.bmm(tokens.transpose(1, 2)) / Math.Sqrt(d), -1);           // (U, m·h, T)
        var pooled = weights.bmm(tokens).view(u * slotWidth, h, width)
                            .index_select(0, slotOfPair.to(query.device));                                // (B, h, D_tok)
        return Output(pooled, textSide).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Where each pair sits when pairs are grouped by image: m, the most pairs of one image; for each of the U·m slots
    /// the pair in it (B, the zero query, where an image has fewer than m pairs); and for each pair its slot.
    /// </summary>
    private static (long Width, Tensor PairAtSlot, Tensor SlotOfPair) SharedLayout(Tensor imageOf, long images)
    {
        using var onCpu = imageOf.to_type(ScalarType.Int64).cpu();
        var position = onCpu.data<long>().ToArray();
        var counts = new long[images];
        var rank = new long[position.Length];
        for (var p = 0; p < position.Length; p++)
        {
            if (position[p] < 0 || position[p] >= images)
                throw new ArgumentException($"Pair {p} names image {position[p]}, outside 0..{images - 1}.", nameof(imageOf));
            rank[p] = counts[position[p]]++;
        }
        var width = Math.Max(1, counts.Max());
        var pairAtSlot = Enumerable.Repeat((long)position.Length, checked((int)(images * width))).ToArray();
        var slotOfPair = new long[position.Length];
        for (var p = 0; p < position.Length; p++)
        {
            slotOfPair[p] = position[p] * width + rank[p];
            pairAtSlot[slotOfPair[p]] = p;
        }
        return (width, torch.tensor(pairAtSlot), torch.tensor(slotOfPair));
    }

    /// <summary>The fused rows from the pooled tokens (B, h, D_tok) and the text sides: W_o [W_v pooled + b_v ; x_t] + b_o, (B, P).</summary>
    private Tensor Output(Tensor pooled, Tensor textSide)
    {
        var attended = ProjectValues(pooled);                                                            // (B, A)
        var textOutput = textSide.narrow(1, (long)Heads * TokenDim, FusedDim);                           // (B, P)
        return nn.functional.linear(attended, ColumnBlock(output_projection.weight!, 0, AttentionDim)) + textOutput; // (B, P) = W_o [attended ; x_t] + b_o
    }

    /// <summary>Per-head attention weights (B, h, T) and the tokens they pool, Σ_t a_t x_t, (B, h, D_tok), from the pairs' sides.</summary>
    private (Tensor Weights, Tensor Pooled) Attend(Tensor imageSide, Tensor textSide)
    {
        var tokens = SpatialTokens.ToTokens(imageSide, ImageTokens, TokenDim, GetName()); // (B, T, D_tok)
        long b = tokens.shape[0], h = Heads, d = AttentionDim / Heads, width = TokenDim;
        var queryInTokenSpace = textSide.narrow(1, 0, h * width).reshape(b, h, width); // (B, h, D_tok)
        var scores = queryInTokenSpace.bmm(tokens.transpose(1, 2)) / Math.Sqrt(d);    // (B, h, T) = q_h · W_k,h x_t / sqrt(d)
        var weights = torch.softmax(scores, -1);
        return (weights, weights.bmm(tokens));                                        // (B, h, T), (B, h, D_tok)
    }

    /// <summary>Checks the text's width and that image and text batches have the same number of rows.</summary>
    private void CheckPairs(Tensor image, Tensor text)
    {
        if (text.dim() != 2 || text.shape[1] != TextDim)
            throw new ArgumentException($"{GetName()}: text batch must be (B, {TextDim}), got ({string.Join(", ", text.shape)}).", nameof(text));
        if (image.shape.Length == 0 || image.shape[0] != text.shape[0])
            throw new ArgumentException($"{GetName()}: image and text batches differ in size ({(image.shape.Length == 0 ? 0 : image.shape[0])} vs {text.shape[0]}).", nameof(text));
    }

    /// <summary>(B, h, D_tok) pooled tokens -> (B, A): per head W_v,h (Σ_t a_t x_t) + b_v,h, heads concatenated.</summary>
    private Tensor ProjectValues(Tensor pooled)
    {
        long b = pooled.shape[0], h = Heads, d = AttentionDim / Heads, width = TokenDim;
        var valueWeights = value_projection.weight!.view(h, d, width).transpose(1, 2);   // (h, D_tok, d)
        var perHead = pooled.transpose(0, 1).bmm(valueWeights).transpose(0, 1);          // (B, h, d)
        return (perHead + value_projection.bias!.view(h, d)).reshape(b, AttentionDim);   // (B, A)
    }

    private static int CheckPositive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);
        return value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            query_projection.Dispose();
            key_projection.Dispose();
            value_projection.Dispose();
            output_projection.Dispose();
        }
        base.Dispose(disposing);
    }
}

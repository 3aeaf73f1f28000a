using static TorchSharp.torch;

namespace FusionKit.Models.Fusion;

/// <summary>Conversions between an image encoder's spatial map and the token rows an <see cref="ISpatialFusion"/> reads.</summary>
public static class SpatialTokens
{
    /// <summary>(B, D, H, W) feature map -> (B, H * W, D) tokens, token t = grid cell (t / W, t % W).</summary>
    public static Tensor FromFeatureMap(Tensor map)
    {
        if (map.dim() != 4)
            throw new ArgumentException($"A feature map must be (B, D, H, W), got ({string.Join(", ", map.shape)}).", nameof(map));
        return map.flatten(2).transpose(1, 2).contiguous(); // (B, H*W, D)
    }

    /// <summary>(B, T, D) tokens -> (B, D), their mean: the globally average-pooled embedding of the same map.</summary>
    public static Tensor Pool(Tensor tokens)
    {
        if (tokens.dim() != 3)
            throw new ArgumentException($"Tokens must be (B, T, D), got ({string.Join(", ", tokens.shape)}).", nameof(tokens));
        return tokens.mean([1]); // (B, D)
    }

    /// <summary>
    /// Any accepted image layout -> (B, T, D): flattened rows (B, T * D), tokens (B, T, D) or a map (B, D, H, W)
    /// with H * W = T.
    /// </summary>
    /// <exception cref="ArgumentException">Another shape; the message names the accepted ones.</exception>
    public static Tensor ToTokens(Tensor image, int tokenCount, int tokenDim, string owner)
    {
        var shape = image.shape;
        if (shape.Length == 2 && shape[1] == (long)tokenCount * tokenDim) return image.view(shape[0], tokenCount, tokenDim);
        if (shape.Length == 3 && shape[1] == tokenCount && shape[2] == tokenDim) return image.alias();
        if (shape.Length == 4 && shape[1] == tokenDim && shape[2] * shape[3] == tokenCount) return FromFeatureMap(image);
        throw new ArgumentException(
            $"{owner}: image must be (B, {tokenCount * tokenDim}) flattened tokens, (B, {tokenCount}, {tokenDim}) tokens or a (B, {tokenDim}, H, W) map with H*W = {tokenCount}; got ({string.Join(", ", shape)}).",
            nameof(image));
    }
}

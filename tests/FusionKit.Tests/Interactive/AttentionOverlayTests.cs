using FusionKit.Data;
using FusionKit.Interactive;

namespace FusionKit.Tests.Interactive;

public class AttentionOverlayTests
{
    private static RawImage Gray(int size, byte value) => new(size, size, 1, Enumerable.Repeat(value, size * size).ToArray());

    // Hand-computed on a 4x4 gray image of value 100 under a 2x2 map (1, 0.5, 0, 0), scale 1, opacity 0.65:
    // cell 0 (weight 1 = the peak): hot(1) = white, alpha 0.65 -> 0.35*100 + 0.65*255 = 200.75 -> 201 in every channel;
    // cell 1 (0.5): hot(0.5) = (255, 128, 0), alpha 0.325 -> R 67.5 + 82.875 = 150.375 -> 150, G 67.5 + 41.6 = 109.1 -> 109,
    //   B 67.5 -> 68 (round half to even); cells 2 and 3 (weight 0) keep the pixel: 100.
    [Fact]
    public void Blend_MatchesTheHandComputedPixels()
    {
        var overlay = AttentionOverlay.Draw(Gray(4, 100), [1f, 0.5f, 0f, 0f], scale: 1);
        Assert.Equal((4, 4, 3), (overlay.Width, overlay.Height, overlay.Channels));
        byte[] Pixel(int x, int y) => overlay.Pixels.AsSpan((y * 4 + x) * 3, 3).ToArray();
        Assert.Equal(new byte[] { 201, 201, 201 }, Pixel(0, 0));
        Assert.Equal(new byte[] { 201, 201, 201 }, Pixel(1, 1));
        Assert.Equal(new byte[] { 150, 109, 68 }, Pixel(2, 0));
        Assert.Equal(new byte[] { 100, 100, 100 }, Pixel(0, 2));
        Assert.Equal(new byte[] { 100, 100, 100 }, Pixel(3, 3));
    }

    [Fact]
    public void Scale_EnlargesTheImage_CellsStayBlocks()
    {
        var map = new float[49];
        map[48] = 1; // bottom-right cell of 7x7
        var overlay = AttentionOverlay.Draw(Gray(28, 0), map, scale: 3);
        Assert.Equal(84, overlay.Width);
        // the cell spans pixels 72..83 in both directions; just outside it stays black
        Assert.Equal(166, overlay.Pixels[(83 * 84 + 83) * 3]);  // 0.65 * 255 = 165.75
        Assert.Equal(0, overlay.Pixels[(71 * 84 + 71) * 3]);
    }

    [Theory]
    [InlineData(48)]
    [InlineData(0)]
    public void NonSquareMap_IsRejected(int weights)
    {
        var error = Assert.Throws<ArgumentException>(() => AttentionOverlay.Draw(Gray(4, 0), new float[weights]));
        Assert.Contains("square", error.Message);
    }

    [Fact]
    public void NegativeWeight_IsRejected_NamingItsIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => AttentionOverlay.Draw(Gray(4, 0), [0.5f, -0.1f, 0.3f, 0.3f]));
        Assert.Contains("weight 1", error.Message);
    }

    // The colour scale's anchors: black, red at 1/3, yellow at 2/3, white.
    [Fact]
    public void Hot_HitsItsAnchors()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)0), AttentionOverlay.Hot(0));
        Assert.Equal(((byte)255, (byte)0, (byte)0), AttentionOverlay.Hot(1 / 3.0));
        Assert.Equal(((byte)255, (byte)255, (byte)0), AttentionOverlay.Hot(2 / 3.0));
        Assert.Equal(((byte)255, (byte)255, (byte)255), AttentionOverlay.Hot(1));
    }
}

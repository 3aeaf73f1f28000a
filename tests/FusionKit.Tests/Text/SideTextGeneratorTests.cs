using FusionKit.Text;

namespace FusionKit.Tests.Text;

public class SideTextGeneratorTests
{
    private static readonly int[] Labels = Enumerable.Range(0, 20_000).Select(i => i % 10).ToArray();

    [Fact]
    public void Fractions_FollowTheReliability()
    {
        // 20,000 draws: the standard error of a fraction near 0.8 is sqrt(0.8*0.2/20000) = 0.0028; allow 4 of them.
        var texts = SideTextGenerator.Generate(Labels, SideTextReliability.High, seed: 1);
        double Share(SideTextKind k) => texts.Count(t => t.Kind == k) / (double)texts.Count;
        Assert.InRange(Share(SideTextKind.TrueClass), 0.8 - 0.012, 0.8 + 0.012);
        Assert.InRange(Share(SideTextKind.ConfusableClass), 0.1 - 0.01, 0.1 + 0.01);
        Assert.InRange(Share(SideTextKind.Uninformative), 0.1 - 0.01, 0.1 + 0.01);
    }

    [Fact]
    public void Texts_SayWhatTheirKindClaims()
    {
        var texts = SideTextGenerator.Generate(Labels, SideTextReliability.Low, seed: 2);
        for (var i = 0; i < texts.Count; i++)
        {
            var t = texts[i];
            switch (t.Kind)
            {
                case SideTextKind.TrueClass: Assert.Equal(Labels[i], t.DescribedClass); break;
                case SideTextKind.ConfusableClass: Assert.Contains(t.DescribedClass, SideTextGenerator.ConfusableWith(Labels[i])); break;
                default: Assert.Equal(-1, t.DescribedClass); break;
            }
        }
        // Uninformative titles name no garment.
        Assert.All(texts.Where(t => t.Kind == SideTextKind.Uninformative),
            t => Assert.DoesNotMatch("shirt|tee|trousers|pants|dress|coat|sandal|sneaker|bag|boot|sweater", t.Text));
    }

    [Fact]
    public void SameSeed_SameTexts_OtherSeed_OtherTexts()
    {
        var a = SideTextGenerator.Generate(Labels[..200], SideTextReliability.High, seed: 7);
        Assert.Equal(a, SideTextGenerator.Generate(Labels[..200], SideTextReliability.High, seed: 7));
        Assert.NotEqual(a, SideTextGenerator.Generate(Labels[..200], SideTextReliability.High, seed: 8));
    }

    [Fact]
    public void BadReliability_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => SideTextGenerator.Generate(Labels, new SideTextReliability(0.9, 0.2, 0.1), 0));
        Assert.Equal(0.25, SideTextReliability.FromTrueFraction(0.5).ConfusableClass, 12);
    }
}

using FusionKit.Speech.Scoring;

namespace FusionKit.Tests.Speech.Scoring;

public class WordErrorRateTests
{
    [Fact]
    public void Count_JurafskyMartinExample_GivesTenErrorsInThirteenWords()
    {
        // Jurafsky & Martin, Speech and Language Processing (3rd ed. draft), "Evaluation: Word Error Rate":
        // the sclite alignment has 6 S, 3 I, 1 D: WER = 100 (6+3+1)/13 = 76.9 %.
        const string reference = "i UM the PHONE IS i LEFT THE portable PHONE UPSTAIRS last night";
        const string hypothesis = "i GOT IT TO the FULLEST i LOVE TO portable FORM OF STORES last night";
        var errors = WordErrorRate.Count(reference, hypothesis);
        Assert.Equal(10, errors.Errors);
        Assert.Equal(13, errors.ReferenceWords);
        Assert.Equal(10.0 / 13, errors.Rate, 12);
        Assert.Equal(0.769, Math.Round(errors.Rate, 3));
        // sclite weights a substitution 4 and an insertion or deletion 3, so it may split the same 10 edits
        // differently; plain Levenshtein with this class's tie rule (most substitutions) gives 8 S, 0 D, 2 I
        // (hand-checked: the hypothesis has 2 more words, so I - D = 2 in any alignment).
        Assert.Equal(new WordErrors(8, 0, 2, 13), errors);
    }

    [Theory]
    // Hand-computed: one substitution in two words.
    [InlineData("hello world", "hello duck", 1, 0, 0, 2)]
    // Deletion of "the": 1/6.
    [InlineData("the cat sat on the mat", "the cat sat on mat", 0, 1, 0, 6)]
    // Substitution sat->sit and deletion of "the": 2/6.
    [InlineData("the cat sat on the mat", "the cat sit on mat", 1, 1, 0, 6)]
    // Two insertions ("big", one "bag"): 2/4, though no reference word was missed.
    [InlineData("is this a bag", "is this a big bag bag", 0, 0, 2, 4)]
    // Everything deleted: WER 1.
    [InlineData("what is this", "", 0, 3, 0, 3)]
    // Case and punctuation are ignored: 0.
    [InlineData("Would I wear this on my feet?", "would i WEAR this, on my feet", 0, 0, 0, 7)]
    // Two-word swap: "a b" -> "b a" costs 2 (two substitutions, or a deletion and an insertion).
    [InlineData("a b", "b a", 2, 0, 0, 2)]
    public void Count_HandComputedExamples(string reference, string hypothesis, int s, int d, int i, int n)
    {
        var errors = WordErrorRate.Count(reference, hypothesis);
        Assert.Equal(new WordErrors(s, d, i, n), errors);
        Assert.Equal((double)(s + d + i) / n, WordErrorRate.Compute(reference, hypothesis), 12);
    }

    [Fact]
    public void Rate_MoreInsertionsThanWords_ExceedsOne()
    {
        // "yes" heard as "yes yes yes": 2 insertions / 1 word = 2.
        Assert.Equal(2.0, WordErrorRate.Compute("yes", "yes yes yes"), 12);
    }

    [Fact]
    public void Rate_EmptyReference_IsZeroOrInfinite()
    {
        Assert.Equal(0.0, WordErrorRate.Compute("", ""));
        Assert.Equal(double.PositiveInfinity, WordErrorRate.Compute("", "noise"));
    }

    [Fact]
    public void Count_Corpus_SumsEditsBeforeDividing()
    {
        // 1 error in 2 words and 0 in 8: corpus WER 1/10 = 0.1, not the mean of 0.5 and 0 (0.25).
        var total = WordErrorRate.Count([("hello world", "hello duck"), ("one two three four five six seven eight", "one two three four five six seven eight")]);
        Assert.Equal(new WordErrors(1, 0, 0, 10), total);
        Assert.Equal(0.1, total.Rate, 12);
    }

    [Fact]
    public void SpokenWords_KeepsInnerApostrophesAndSplitsHyphens()
    {
        Assert.Equal(["what's", "this", "t", "shirt", "bag"], SpokenWords.Split("What\u2019s this T-shirt, 'BAG'?"));
        Assert.Equal("is this a bag", SpokenWords.Normalize("  Is this a BAG?!  "));
        Assert.Empty(SpokenWords.Split("?! ..."));
    }
}

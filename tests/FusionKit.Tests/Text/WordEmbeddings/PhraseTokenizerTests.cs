using FusionKit.Text.WordEmbeddings;

namespace FusionKit.Tests.Text.WordEmbeddings;

public sealed class PhraseTokenizerTests
{
    private static Func<string, bool> Vocabulary(params string[] words) => new HashSet<string>(words).Contains;

    [Fact]
    public void Tokenize_SplitsOnSlashHyphenAndParenthesesWhenVocabularyLacksWholeForms()
    {
        Assert.Equal(["t", "shirt", "top"], PhraseTokenizer.Tokenize("T-shirt/top", Vocabulary()));
        Assert.Equal(["ankle", "boot", "left"], PhraseTokenizer.Tokenize("  Ankle   boot (left) ", Vocabulary()));
    }

    [Fact]
    public void Tokenize_PrefersHyphenatedWordAndWholePhraseFromVocabulary()
    {
        Assert.Equal(["t-shirt", "top"], PhraseTokenizer.Tokenize("T-shirt/top", Vocabulary("t-shirt")));
        Assert.Equal(["ankle boot"], PhraseTokenizer.Tokenize("Ankle  Boot", Vocabulary("ankle boot")));
    }

    [Fact]
    public void Tokenize_KeepsNonAsciiLettersAndDigits()
    {
        Assert.Equal(["café", "au", "lait", "3d"], PhraseTokenizer.Tokenize("Café-au-lait, 3D!", Vocabulary()));
    }

    [Fact]
    public void Tokenize_EmptyOrPunctuationOnlyGivesNoTokens()
    {
        Assert.Empty(PhraseTokenizer.Tokenize("  ", Vocabulary()));
        Assert.Empty(PhraseTokenizer.Tokenize("/-()", Vocabulary()));
    }

    [Fact]
    public void LookupCandidates_CoverEveryFormTokenizeMayAskFor()
    {
        var candidates = PhraseTokenizer.LookupCandidates(["T-shirt/top", "Ankle boot"]);
        Assert.Equal(new HashSet<string> { "t-shirt/top", "t-shirt", "t", "shirt", "top", "ankle boot", "ankle", "boot" }, candidates);
    }
}

using FusionKit.Speech;

namespace FusionKit.Tests.Speech;

public class SpeechGrammarTests
{
    [Fact]
    public void ToJsgf_WritesOnePublicRuleOfNormalisedDistinctPhrases()
    {
        var grammar = SpeechGrammar.FromPhrases(["Is this a bag?", "what's this", "  ", "is this a BAG", "Would I wear this on my feet?"]);

        Assert.Equal(["is this a bag", "what's this", "would i wear this on my feet"], grammar.Phrases);
        Assert.Equal(
            "#JSGF V1.0;\n" +
            "grammar fusionkit;\n" +
            "public <utterance> = is this a bag\n" +
            "    | what's this\n" +
            "    | would i wear this on my feet;\n",
            grammar.ToJsgf());
        Assert.Equal(["a", "bag", "feet", "i", "is", "my", "on", "this", "wear", "what's", "would"], grammar.Words);
        Assert.True(grammar.Contains("IS this a bag"));
        Assert.False(grammar.Contains("is this a shoe"));
    }

    [Fact]
    public void FromPhrases_NoWords_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SpeechGrammar.FromPhrases(["", "?!"]));
        Assert.StartsWith("A speech grammar needs at least one phrase with a word in it.", e.Message);
    }

    [Fact]
    public void WriteJsgf_WritesTheSameText()
    {
        using var temp = new TempFolder();
        var grammar = SpeechGrammar.FromPhrases(["what is this"]);
        var path = temp.File("g/questions.gram");
        grammar.WriteJsgf(path);
        Assert.Equal(grammar.ToJsgf(), File.ReadAllText(path));
    }
}

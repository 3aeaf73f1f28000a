using FusionKit.Cli;
using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Speech;
using FusionKit.Tests.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FusionKit.Tests.Experiments.Interaction;

/// <summary>The smoke-trained answer model (cross-attention, MiniLM), opened once: trained on first use, then read from the cache.</summary>
public sealed class SmokeAnswerer : IDisposable
{
    public SmokeAnswerer()
    {
        Answerer = QuestionAnswerer.Open(new AskOptions());
        var test = FashionMnist.Load(FashionMnistSplit.Test);
        Sneaker = test.Samples.First(s => s.Label == 7).Image; // the first sneaker of the test images (never trained on)
    }

    public QuestionAnswerer Answerer { get; }

    public RawImage Sneaker { get; }

    /// <summary>Writes <see cref="Sneaker"/> as a grayscale PNG file.</summary>
    public void SaveSneakerPng(string path)
    {
        using var image = Image.LoadPixelData<L8>(Sneaker.Pixels, Sneaker.Width, Sneaker.Height);
        image.SaveAsPng(path);
    }

    public void Dispose() => Answerer.Dispose();
}

/// <summary>Asking about an image: a sneaker saved as PNG is something you wear on your feet; bad input gets a clear reply.</summary>
[Collection(TorchTrainingCollection.Name)]
public class QuestionAnswererTests(SmokeAnswerer smoke) : IClassFixture<SmokeAnswerer>
{
    [Fact]
    public void Ask_SneakerTestImageSavedAsPng_WouldIWearThisOnMyFeet_AnswersYes()
    {
        using var folder = new TempFolder();
        var path = folder.File("sneaker.png");
        smoke.SaveSneakerPng(path);
        var reply = smoke.Answerer.Ask(path, "would I wear this on my feet?");
        Assert.Equal(AskStatus.Answered, reply.Status);
        Assert.Equal("yes", reply.Answer);
        Assert.InRange(reply.Probability, 0.5, 1.0);
        Assert.Equal(3, reply.RunnerUps.Count);
        Assert.NotNull(reply.AttentionMap);
        Assert.Equal(49, reply.AttentionMap!.Length);
        Assert.Equal(1.0, reply.AttentionMap.Sum(), 3); // softmax weights over the 7x7 grid
    }

    [Fact]
    public void AskCommand_SneakerPng_PrintsYesAndWritesTheAttentionPicture()
    {
        using var folder = new TempFolder();
        var path = folder.File("sneaker.png");
        smoke.SaveSneakerPng(path);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, Program.Run(["ask", "--image", path, "--out", folder.File("results"), "would I wear this on my feet?"], output, error));
        Assert.Contains("answer: yes", output.ToString());
        Assert.Contains("runner-up answers:", output.ToString());
        // Each ask writes a run folder of its own (never overwriting an earlier answer's picture).
        Assert.Single(Directory.GetFiles(folder.File("results"), "sneaker-attention.png", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("is this something you wear on your feet?")] // a held-out phrasing
    [InlineData("tell me what this thing is")]               // in no template
    [InlineData("could this go on my feet?")]
    public void Ask_NewPhrasingOfAKnownQuestion_IsAnsweredNotRefused(string question)
    {
        var reply = smoke.Answerer.Ask(smoke.Sneaker, question);
        Assert.Equal(AskStatus.Answered, reply.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Ask_EmptyQuestion_SaysWhatToAsk(string question)
    {
        var reply = smoke.Answerer.Ask(smoke.Sneaker, question);
        Assert.Equal(AskStatus.Empty, reply.Status);
        Assert.Null(reply.Answer);
        Assert.Contains("Ask a question", reply.Message);
    }

    [Theory]
    [InlineData("¿qué es esto? ¿dónde se lleva?")]
    [InlineData("xqzv blorf wugga?")]
    [InlineData("12345 ???")]
    public void Ask_NonEnglishLooking_SaysSo(string question)
    {
        var reply = smoke.Answerer.Ask(smoke.Sneaker, question);
        Assert.Equal(AskStatus.NotEnglish, reply.Status);
        Assert.Contains("English", reply.Message);
    }

    [Theory]
    [InlineData("how much does this cost?")]
    [InlineData("who made this brand?")]
    [InlineData("what is the weather today?")]
    [InlineData("what brand is it?")]
    [InlineData("what is the colour of this?")]
    public void Ask_OutsideTheAttributeTable_SaysWhatItCanAnswer(string question)
    {
        var reply = smoke.Answerer.Ask(smoke.Sneaker, question);
        Assert.Equal(AskStatus.OutOfScope, reply.Status);
        Assert.Contains("footwear", reply.Message);
    }

    [Fact]
    public void AskCommand_UnreadableImage_ExitsWithAMessageNamingTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("broken.png", "this is not a picture");
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(["ask", "--image", path, "what is this?"], output, error));
        Assert.Contains(path, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // no stack trace
    }

    [Fact]
    public void AskCommand_NoQuestion_IsAUsageError()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["ask", "--image", folder.Write("x.png", "")], output, error));
        Assert.Contains("Give the question", error.ToString());
    }

    [Fact]
    public void AskCommand_MissingImageFile_ExitsWithAMessageNamingTheFile()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(["ask", "--image", "/no/such/picture.png", "what is this?"], output, error));
        Assert.Contains("/no/such/picture.png", error.ToString());
    }

    [SystemToolFact("pocketsphinx_continuous", "espeak-ng")]
    public void AskSpoken_EspeakQuestion_GetsTheSameAnswerAsTyped()
    {
        using var folder = new TempFolder();
        var wav = folder.File("question.wav");
        new EspeakSynthesizer().Synthesize("would I wear this on my feet", wav); // 22,050 Hz: the transcriber resamples
        var typed = smoke.Answerer.Ask(smoke.Sneaker, "would i wear this on my feet?");
        var (spoken, transcript) = smoke.Answerer.AskSpoken(smoke.Sneaker, wav, new PocketSphinxTranscriber());
        Assert.NotNull(transcript);
        Assert.True(transcript!.UsedGrammar);
        Assert.Equal("would i wear this on my feet", transcript.Text);
        Assert.Equal(typed.Answer, spoken.Answer);
        Assert.Equal("yes", spoken.Answer);
    }

    [SystemToolFact("pocketsphinx_continuous")]
    public void AskSpoken_Silence_SaysNoQuestionWasHeard()
    {
        using var folder = new TempFolder();
        var wav = folder.File("silence.wav");
        WavFile.WriteMono16(wav, new float[16000], 16000); // one second of silence
        var (reply, transcript) = smoke.Answerer.AskSpoken(smoke.Sneaker, wav, new PocketSphinxTranscriber());
        Assert.Null(transcript);
        Assert.Equal(AskStatus.Empty, reply.Status);
        Assert.Contains("No question was heard", reply.Message);
    }

    [SystemToolFact("pocketsphinx_continuous")]
    public void AskCommand_UnreadableAudio_ExitsWithAMessageNamingTheFile()
    {
        using var folder = new TempFolder();
        var image = folder.File("sneaker.png");
        smoke.SaveSneakerPng(image);
        var audio = folder.Write("question.wav", "not a wav file at all");
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(["ask", "--image", image, "--audio", audio], output, error));
        Assert.Contains("question.wav", error.ToString());
    }
}

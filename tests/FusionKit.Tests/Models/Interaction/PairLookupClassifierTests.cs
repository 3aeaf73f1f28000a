using FusionKit.Models;
using FusionKit.Models.Fusion;
using FusionKit.Models.Interaction;
using FusionKit.Platform;
using FusionKit.Tests.Training;
using TorchSharp;

namespace FusionKit.Tests.Models.Interaction;

/// <summary>Index rows looked up in the tables give exactly the inner model's logits on the gathered rows.</summary>
[Collection(TorchTrainingCollection.Name)]
public class PairLookupClassifierTests
{
    [Fact]
    public void Forward_EqualsTheInnerModelOnTheLookedUpRows()
    {
        TorchRuntime.EnsureReady();
        torch.manual_seed(1);
        using var images = torch.randn(5, 6);    // (M, D_img)
        using var questions = torch.randn(3, 4); // (Q, D_q)
        var inner = FusionClassifier.Create("gated", 6, 4, 7, [8]);
        using var model = new PairLookupClassifier(inner, images.clone(), questions.clone());
        model.eval();
        using var imageIndex = torch.tensor(new float[] { 4, 0, 4 }).unsqueeze(1);  // (B, 1)
        using var questionIndex = torch.tensor(new float[] { 2, 2, 0 }).unsqueeze(1); // (B, 1)
        using var expected = inner.call(images.index_select(0, torch.tensor(new long[] { 4, 0, 4 })), questions.index_select(0, torch.tensor(new long[] { 2, 2, 0 })));
        using var actual = model.call(imageIndex, questionIndex);
        // The image side runs on the 2 distinct images, not the 3 rows: the same sums, up to float rounding of the kernels.
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-6));
        Assert.Empty(model.buffers()); // the tables are not part of the saved state
    }

    /// <summary>
    /// A hand-built batch where pairs share images and questions (image 0 asked three questions, question 1 asked
    /// about two images): the classifier computes each image's and each question's side once and gathers them, the
    /// per-question path (the inner model on one looked-up row per pair) computes them once per pair. Outputs and
    /// every parameter's gradient agree to float tolerance, for each fusion the experiment compares and both baselines.
    /// </summary>
    [Theory]
    [InlineData(FusionMethods.Gated, PairInputs.Both)]
    [InlineData(FusionMethods.Bilinear, PairInputs.Both)]
    [InlineData(FusionMethods.CrossAttention, PairInputs.Both)]
    [InlineData(FusionMethods.Concat, PairInputs.Both)]
    [InlineData("image-only", PairInputs.ImageOnly)]
    [InlineData("question-only", PairInputs.QuestionOnly)]
    public void SharedImagesAndQuestions_ComputedOnce_GiveThePerQuestionOutputsAndGradients(string method, PairInputs inputs)
    {
        TorchRuntime.EnsureReady();
        torch.manual_seed(7);
        const int tokens = 4, tokenDim = 3, questionDim = 5, answers = 6;
        var spatial = method == FusionMethods.CrossAttention;
        var imageDim = spatial ? tokens * tokenDim : 7;
        var options = FusionOptions.Default with { ImageTokens = tokens, Heads = 2, AttentionDim = 4, ProjectionDim = 5, GatedHiddenDim = 6, MfbFactor = 2, MfbOutputDim = 3 };
        // The fusions' heads have two hidden layers: the unprojected concatenation applies the first per distinct image and
        // question (its own path) and the rest per pair.
        var inner = inputs switch
        {
            PairInputs.ImageOnly => FusionClassifier.ImageOnly(new ClassifierHead(imageDim, [8], answers)),
            PairInputs.QuestionOnly => FusionClassifier.ImageOnly(new ClassifierHead(questionDim, [8], answers)),
            _ => FusionClassifier.Create(method, spatial ? tokenDim : imageDim, questionDim, answers, [8, 3], options),
        };
        using var images = torch.randn(3, imageDim);        // (M, D_img)
        using var questions = torch.randn(4, questionDim);  // (Q, D_q)
        using var model = new PairLookupClassifier(inner, images.clone(), questions.clone(), inputs);
        long[] imageOf = [0, 0, 2, 0, 1, 2, 1], questionOf = [1, 3, 1, 0, 2, 2, 3];
        using var weights = torch.randn(imageOf.Length, answers); // a loss that weighs every logit differently

        var grouped = model.call(torch.tensor(imageOf.Select(i => (float)i).ToArray()).unsqueeze(1),
                                 torch.tensor(questionOf.Select(i => (float)i).ToArray()).unsqueeze(1)); // (B, C)
        (grouped * weights).sum().backward();
        var groupedGradients = inner.parameters().Select(p => p.grad!.clone()).ToArray();
        inner.zero_grad();

        using var imageRows = images.index_select(0, torch.tensor(imageOf));       // (B, D_img): one row per pair
        using var questionRows = questions.index_select(0, torch.tensor(questionOf)); // (B, D_q)
        var perQuestion = inputs switch
        {
            PairInputs.ImageOnly => inner.call(imageRows, null),
            PairInputs.QuestionOnly => inner.call(questionRows, null),
            _ => inner.call(imageRows, questionRows),
        };
        (perQuestion * weights).sum().backward();

        Assert.True(grouped.allclose(perQuestion, rtol: 0, atol: 1e-5), $"{method}: largest difference {(grouped - perQuestion).abs().max().item<float>()}");
        var parameters = inner.parameters().ToArray();
        Assert.NotEmpty(parameters);
        for (var i = 0; i < parameters.Length; i++)
            Assert.True(groupedGradients[i].allclose(parameters[i].grad!, rtol: 1e-4, atol: 1e-5), $"{method}: gradient of parameter {i} differs");
    }

    [Fact]
    public void QuestionOnly_ReadsTheQuestionRowInTheHeadsSlot()
    {
        TorchRuntime.EnsureReady();
        using var images = torch.randn(5, 6);
        using var questions = torch.randn(3, 4);
        var inner = FusionClassifier.ImageOnly(new ClassifierHead(4, [], 2));
        using var model = new PairLookupClassifier(inner, images.clone(), questions.clone(), PairInputs.QuestionOnly);
        using var actual = model.call(torch.tensor(new float[] { 1 }).unsqueeze(1), torch.tensor(new float[] { 2 }).unsqueeze(1));
        using var expected = inner.call(questions[2].unsqueeze(0), null);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
    }

    [Fact]
    public void Constructor_TableOfTheWrongWidth_SaysWhichTable()
    {
        TorchRuntime.EnsureReady();
        var inner = FusionClassifier.Create("concat", 6, 4, 2, []);
        var error = Assert.Throws<ArgumentException>(() => new PairLookupClassifier(inner, torch.randn(5, 9), torch.randn(3, 4)));
        Assert.Contains("image table has 9", error.Message);
    }
}

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
        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
        Assert.Empty(model.buffers()); // the tables are not part of the saved state
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

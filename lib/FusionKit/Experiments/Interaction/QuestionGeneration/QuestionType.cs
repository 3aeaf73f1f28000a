namespace FusionKit.Experiments.Interaction.QuestionGeneration;

/// <summary>The kinds of generated question, each reported on its own (as VQA reports yes/no, number and other).</summary>
public enum QuestionType
{
    /// <summary>"what is this?": the answer is the class.</summary>
    What,

    /// <summary>"is this a bag?": yes or no on a named class.</summary>
    IsClass,

    /// <summary>"would I wear this on my feet?": yes or no on an attribute of the class.</summary>
    YesNo,

    /// <summary>"where is this worn?": the value of an attribute (upper body, legs, feet, ...).</summary>
    Value,
}

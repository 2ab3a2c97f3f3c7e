namespace PolicyEditor.Web.Tutorials;

/// <summary>Settings of the <c>Tutorials</c> section: where the lesson files and the samples they start from are.</summary>
public sealed class TutorialOptions
{
    public const string SectionName = "Tutorials";

    /// <summary>The folder of lesson files, relative to the app (copied beside it from the repository's lessons/).</summary>
    public string LessonsDirectory { get; set; } = "lessons";

    /// <summary>The folder of samples lessons start from (one folder per sample).</summary>
    public string SamplesDirectory { get; set; } = "samples";
}

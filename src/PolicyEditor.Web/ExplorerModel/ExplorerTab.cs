namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The explorer's side tabs, in the order they are shown (the lesson's only when a lesson is open).</summary>
public enum ExplorerTab
{
    Lesson,
    Inspect,
    Ask,
    Impact,
    Policies,
    Yaml,
    Posture,
    Traffic,

    /// <summary>Last: shown only when the draft has ClientIntents.</summary>
    Intents,
}

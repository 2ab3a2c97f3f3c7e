namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Text in the YAML pane that is not applied (it does not parse), kept by the page so it survives switching tabs.</summary>
/// <param name="Scope">The namespace the text is about, or null for every namespace.</param>
/// <param name="Text">The text as the user left it.</param>
public sealed record UnsavedYaml(string? Scope, string Text);

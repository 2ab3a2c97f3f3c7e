using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// Text typed in the YAML pane that the server never received (the connection dropped, the server
/// restarted), kept by the browser (wwwroot/js/yaml-editor.js) with what the pane showed when the typing
/// began, so that only the user's own changes are replayed on the draft as it is now.
/// </summary>
/// <param name="Text">The text as the user left it.</param>
/// <param name="Base">The text the pane showed before the user typed (written from the draft at <paramref name="Revision"/>).</param>
/// <param name="Revision">The workspace revision <paramref name="Base"/> was written from.</param>
/// <param name="Scope">The namespace the text is about, or null for every namespace.</param>
/// <param name="At">When it was typed, in milliseconds since 1970 (the browser's clock).</param>
public sealed record YamlBackup(string Text, string Base, long Revision, string? Scope, double At)
{
    /// <summary>When it was typed.</summary>
    public DateTimeOffset Typed => DateTimeOffset.FromUnixTimeMilliseconds((long)At);

    /// <summary>
    /// What replaying the text on the current draft amounts to: the user's changes (from <see cref="Base"/>
    /// to <see cref="Text"/>) as an edit based on <see cref="Revision"/>, so the workspace refuses it, with
    /// the current state, when someone changed the same policies since.
    /// </summary>
    public YamlReplay Replay(Cluster current, long currentRevision)
    {
        PolicyYaml.Read(Base, current, Scope, out var toBase);
        var atBase = toBase switch
        {
            EditPolicies edit => edit.Changes.Aggregate(current, (c, change) => c.Apply(change)),
            ReplaceDraft replace => replace.Cluster,
            _ => current,
        };

        var read = PolicyYaml.Read(Text, atBase, Scope, out var mine);
        if (read.HasErrors)
        {
            return new YamlReplay(null, HasErrors: true, null, CheckFirst: false);
        }

        return mine switch
        {
            null => new YamlReplay(null, false, "The draft already says what your text said: nothing to restore.", false),
            EditPolicies edit => new YamlReplay(edit with { BaseRevision = Revision, Description = $"Restore unsent YAML: {edit.Description}" }, false, null, false),

            // A whole draft built from the old one: only safe when nothing changed since.
            ReplaceDraft replace when currentRevision == Revision => new YamlReplay(replace, false, null, false),
            _ => new YamlReplay(null, false,
                "Your text changes admin policies and the draft has changed since you typed it, so it was not applied. It is back in the editor: check it against the current draft; it is applied when you edit it.",
                CheckFirst: true),
        };
    }
}

/// <summary>What replaying a <see cref="YamlBackup"/> amounts to.</summary>
/// <param name="Command">The edit to send, or null.</param>
/// <param name="HasErrors">The text does not parse: it goes back into the editor with its errors, not applied.</param>
/// <param name="Problem">Why nothing is sent, for the user, when the text parses.</param>
/// <param name="CheckFirst">The text goes back into the editor for the user to check, without being sent.</param>
public sealed record YamlReplay(WorkspaceCommand? Command, bool HasErrors, string? Problem, bool CheckFirst);

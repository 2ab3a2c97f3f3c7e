namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Something the explorer tells its user in passing (a change someone made, a refused edit), with a link to follow when there is one.</summary>
/// <param name="Message">The sentence.</param>
/// <param name="Level">How it matters.</param>
/// <param name="Link">Where to go from it, or null.</param>
/// <param name="LinkText">The link's words.</param>
public sealed record ExplorerNotice(string Message, NoticeLevel Level, string? Link = null, string? LinkText = null, bool Sticky = false);

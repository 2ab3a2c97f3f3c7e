namespace PolicyEditor.Web.ExplorerModel;

/// <summary>How much a notice matters to the user.</summary>
public enum NoticeLevel
{
    Normal,
    Info,
    Success,
    Warning,
    Error,
}

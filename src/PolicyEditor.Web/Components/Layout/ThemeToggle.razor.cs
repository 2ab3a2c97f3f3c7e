using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace PolicyEditor.Web.Components.Layout;

/// <summary>The top bar's light/dark switch. The layout owns the mode; this button only asks to flip it.</summary>
public partial class ThemeToggle
{
    /// <summary>Whether the dark palette is in use.</summary>
    [Parameter]
    public bool IsDarkMode { get; set; }

    /// <summary>Raised with the requested mode when the button is pressed.</summary>
    [Parameter]
    public EventCallback<bool> IsDarkModeChanged { get; set; }

    private string Icon => IsDarkMode ? Icons.Material.Rounded.LightMode : Icons.Material.Rounded.DarkMode;

    private string Label => IsDarkMode ? "Switch to light theme" : "Switch to dark theme";

    private Task ToggleAsync() => IsDarkModeChanged.InvokeAsync(!IsDarkMode);
}

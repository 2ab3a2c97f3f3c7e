using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace PolicyEditor.Web.Components.Layout;

/// <summary>
/// The app shell: top bar, navigation drawer and page area. Owns the light/dark mode, remembered in this
/// browser (localStorage), and shows it as <c>data-theme</c> on the shell, next to <c>data-interactive</c>,
/// which turns "true" once the page is live (tests wait for it before clicking).
/// </summary>
public partial class MainLayout
{
    /// <summary>The localStorage key of the chosen theme.</summary>
    internal const string ThemeKey = "policyEditor.theme";

    private bool _isDarkMode;
    private bool _drawerOpen = true;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string ThemeName => _isDarkMode ? "dark" : "light";

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            if (await JS.InvokeAsync<string?>("localStorage.getItem", ThemeKey) == "dark" && !_isDarkMode)
            {
                _isDarkMode = true;
                StateHasChanged();
            }
        }
        catch (JSException)
        {
            // Storage may be off (a private window's settings): the theme is then the default, as before.
        }
    }

    private async Task ThemeChangedAsync(bool dark)
    {
        _isDarkMode = dark;
        try
        {
            await JS.InvokeVoidAsync("localStorage.setItem", ThemeKey, ThemeName);
        }
        catch (JSException)
        {
            // Not remembered, but switched.
        }
    }
}

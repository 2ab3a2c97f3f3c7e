namespace PolicyEditor.Web.Components.Layout;

/// <summary>
/// The app shell: top bar, navigation drawer and page area. Owns the light/dark mode of this browser tab
/// and shows it as <c>data-theme</c> on the shell, next to <c>data-interactive</c>, which turns "true"
/// once the page is live (tests wait for it before clicking).
/// </summary>
public partial class MainLayout
{
    private bool _isDarkMode;
    private bool _drawerOpen = true;

    private string ThemeName => _isDarkMode ? "dark" : "light";

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;
}

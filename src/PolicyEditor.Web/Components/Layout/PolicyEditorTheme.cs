using MudBlazor;

namespace PolicyEditor.Web.Components.Layout;

/// <summary>PolicyEditor's colours and type: a calm indigo and teal, with a navy bar in light mode and deep slate in dark mode.</summary>
public static class PolicyEditorTheme
{
    /// <summary>The theme given to <see cref="MudThemeProvider"/>.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b5bdb",
            Secondary = "#0f9488",
            Tertiary = "#7048e8",
            Info = "#1c7ed6",
            Success = "#2f9e44",
            Warning = "#e67700",
            Error = "#e03131",
            AppbarBackground = "#1e2a4a",
            AppbarText = "#f8f9fc",
            Background = "#f4f6fb",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#2b3345",
            DrawerIcon = "#4c5670",
            TextPrimary = "#1f2637",
            TextSecondary = "#5b6478",
            ActionDefault = "#4c5670",
            LinesDefault = "#dfe3ec",
            TableLines = "#e6e9f0",
            TableHover = "#eef1fa",
            Divider = "#dfe3ec",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ea6ff",
            Secondary = "#38d9c4",
            Tertiary = "#b197fc",
            Info = "#4dabf7",
            Success = "#69db7c",
            Warning = "#ffc078",
            Error = "#ff8787",
            AppbarBackground = "#111827",
            AppbarText = "#e8ebf3",
            Background = "#0b1120",
            BackgroundGray = "#131b2e",
            Surface = "#151d30",
            DrawerBackground = "#111827",
            DrawerText = "#d5dae6",
            DrawerIcon = "#a3acc2",
            TextPrimary = "#e8ebf3",
            TextSecondary = "#a3acc2",
            ActionDefault = "#a3acc2",
            LinesDefault = "#2a3550",
            TableLines = "#243049",
            TableHover = "#1b2640",
            Divider = "#2a3550",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
        },
    };
}

namespace PolicyEditor.Engine; internal static class Placeholder { }

namespace PolicyEditor.Manifests; internal static class Placeholder { }

namespace PolicyEditor.E2E.Hosting;

/// <summary>A browser test failed; the message carries the screenshot path, the browser's problems and the app's output.</summary>
public sealed class BrowserTestFailedException(string message, Exception inner) : Exception(message, inner);

using Microsoft.Playwright;

namespace PolicyEditor.E2E.Browser;

/// <summary>
/// Choosing files in a Blazor <c>InputFile</c>. The element is in the page as soon as its dialog renders, but it
/// hears the choice only once Blazor has attached its listener (after the render reaches the browser); files
/// set before that are silently ignored, which on a slow machine made an import look as if nothing happened.
/// </summary>
public static class FileInputs
{
    /// <summary>Waits until the input listens, then chooses <paramref name="files"/> in it.</summary>
    public static async Task ChooseAsync(ILocator input, params FilePayload[] files)
    {
        await input.EvaluateAsync("(element) => new Promise(resolve => { const ready = () => element._blazorInputFileNextFileId !== undefined ? resolve() : setTimeout(ready, 50); ready(); })");
        await input.SetInputFilesAsync(files);
    }
}

using Microsoft.Playwright;

namespace PolicyEditor.E2E.Browser;

/// <summary>The sign-in and account forms, filled in as a person does.</summary>
public static class AccountForms
{
    /// <summary>Creates an account on the page's app (the first one becomes the administrator); the form signs it in.</summary>
    public static async Task RegisterAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/register");
        await page.GetByTestId("account-user").FillAsync(user);
        await page.GetByTestId("account-password").FillAsync(password);
        await page.GetByTestId("account-confirm").FillAsync(password);
        await page.GetByTestId("account-submit").ClickAsync();
    }
}

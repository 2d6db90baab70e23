using Microsoft.AspNetCore.Identity;

namespace TorMetrics.Web.Identity;

/// <summary>An operator of this TorMetrics instance, allowed into the admin UI.</summary>
public sealed class AdminUser : IdentityUser
{
}

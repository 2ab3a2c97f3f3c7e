using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PolicyEditor.Web.Storage.Rows;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// The tables workspaces are kept in. One model for every provider; each provider has its own subclass
/// only so that each has its own migrations (<see cref="SqliteStorageContext"/>, <see cref="PostgreSqlStorageContext"/>).
/// Local accounts (ASP.NET Core Identity's users and roles) are kept here too.
/// </summary>
public abstract class StorageContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that protects cookies: shared by every app instance on this database, kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<WorkspaceRow> Workspaces => Set<WorkspaceRow>();

    public DbSet<VersionRow> Versions => Set<VersionRow>();

    public DbSet<DraftPolicyRow> DraftPolicies => Set<DraftPolicyRow>();

    public DbSet<EditRow> Edits => Set<EditRow>();

    public DbSet<BlobRow> Blobs => Set<BlobRow>();

    public DbSet<GraphPositionRow> GraphPositions => Set<GraphPositionRow>();

    public DbSet<ObservedTrafficRow> ObservedTraffic => Set<ObservedTrafficRow>();

    public DbSet<LessonProgressRow> LessonProgress => Set<LessonProgressRow>();

    public DbSet<MemberRow> Members => Set<MemberRow>();

    public DbSet<ReviewRow> Reviews => Set<ReviewRow>();

    public DbSet<ReviewItemRow> ReviewItems => Set<ReviewItemRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WorkspaceRow>(e =>
        {
            e.ToTable("workspaces");
            e.HasKey(w => w.Id);
            e.Property(w => w.Name).HasMaxLength(200);
            e.Property(w => w.DraftFrame).HasMaxLength(64);
            e.HasIndex(w => w.Updated);
        });

        modelBuilder.Entity<VersionRow>(e =>
        {
            e.ToTable("versions");
            e.HasKey(v => new { v.WorkspaceId, v.Number });
            e.Property(v => v.AuthorId).HasMaxLength(200);
            e.Property(v => v.Author).HasMaxLength(200);
            e.Property(v => v.Frame).HasMaxLength(64);
            e.Property(v => v.Policies).HasMaxLength(64);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(v => v.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DraftPolicyRow>(e =>
        {
            e.ToTable("draft_policies");
            e.HasKey(p => new { p.WorkspaceId, p.Namespace, p.Name });
            e.Property(p => p.Namespace).HasMaxLength(253);
            e.Property(p => p.Name).HasMaxLength(253);
            e.HasIndex(p => new { p.WorkspaceId, p.Position });
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EditRow>(e =>
        {
            e.ToTable("edits");
            e.HasKey(x => new { x.WorkspaceId, x.Revision });
            e.Property(x => x.AuthorId).HasMaxLength(200);
            e.Property(x => x.Author).HasMaxLength(200);
            e.Property(x => x.FromFrame).HasMaxLength(64);
            e.Property(x => x.FromPolicies).HasMaxLength(64);
            e.Property(x => x.WithFrame).HasMaxLength(64);
            e.Property(x => x.WithPolicies).HasMaxLength(64);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BlobRow>(e =>
        {
            e.ToTable("blobs");
            e.HasKey(b => new { b.WorkspaceId, b.Hash });
            e.Property(b => b.Hash).HasMaxLength(64);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GraphPositionRow>(e =>
        {
            e.ToTable("graph_positions");
            e.HasKey(p => new { p.WorkspaceId, p.NodeId });
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ObservedTrafficRow>(e =>
        {
            e.ToTable("observed_traffic");
            e.HasKey(t => t.WorkspaceId);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReviewRow>(e =>
        {
            e.ToTable("reviews");
            e.HasKey(r => r.Id);
            e.Property(r => r.Json).IsConcurrencyToken();
            e.HasIndex(r => r.WorkspaceId);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReviewItemRow>(e =>
        {
            e.ToTable("review_items");
            e.HasKey(i => i.Id);
            e.Property(i => i.Json).IsConcurrencyToken();
            e.HasIndex(i => new { i.ReviewId, i.Kind, i.Position });
            e.HasOne<ReviewRow>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MemberRow>(e =>
        {
            e.ToTable("workspace_members");
            e.HasKey(m => new { m.WorkspaceId, m.UserId });
            e.Property(m => m.UserId).HasMaxLength(450);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LessonProgressRow>(e =>
        {
            e.ToTable("lesson_progress");
            e.HasKey(p => new { p.UserId, p.LessonId });
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.LessonId).HasMaxLength(200);
            e.HasOne<WorkspaceRow>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

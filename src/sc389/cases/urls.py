from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("places/", views.place_search, name="place_search"),
    path("export/<slug:fmt>/", views.case_export, name="export"),
    path("print/", views.case_print, name="print"),
    path("deleted/", views.deleted_list, name="deleted"),
    path("deleted/<slug:kind>/<int:item_id>/restore/", views.deleted_restore, name="restore"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/share/", views.case_share, name="share"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/delete/", views.case_delete, name="delete"),
    path("<int:pk>/merge/", views.case_merge, name="merge"),
    path("<int:pk>/merges/<int:merge_id>/undo/", views.case_unmerge, name="unmerge"),
    path("<int:pk>/goods/", views.goods_add, name="goods_add"),
    path("<int:pk>/goods/<int:line_id>/", views.goods_edit, name="goods_edit"),
    path("<int:pk>/goods/<int:line_id>/remove/", views.goods_remove, name="goods_remove"),
    path("<int:pk>/parties/", views.party_add, name="party_add"),
    path("<int:pk>/parties/<int:party_id>/", views.party_edit, name="party_edit"),
    path("<int:pk>/parties/<int:party_id>/remove/", views.party_remove, name="party_remove"),
    path("<int:pk>/outcomes/<slug:kind>/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/outcomes/<slug:kind>/<int:outcome_id>/", views.outcome_edit, name="outcome_edit"),
    path(
        "<int:pk>/outcomes/<slug:kind>/<int:outcome_id>/remove/", views.outcome_remove, name="outcome_remove"
    ),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment_remove"
    ),
]

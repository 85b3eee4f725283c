# evidence_file_days was read nowhere and promised nothing (no help text, not on the privacy
# desk): evidence files are destroyed with the rest of the candidate's data, by the sweep.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('retention', '0001_initial'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='retentionpolicy',
            name='evidence_file_days',
        ),
    ]

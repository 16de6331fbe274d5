package buildfail
